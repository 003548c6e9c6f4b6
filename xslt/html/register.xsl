<?xml version="1.0" encoding="UTF-8"?>
<!--
  Register pages, one per kind: each entry with its names, dates, description, authority
  identifiers (with the register's confidence and sources) and every place the edition names it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:web="urn:editio:web"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- A register entry in full. -->
  <xsl:mode name="web:entry" on-no-match="deep-skip"/>

  <xsl:template name="web:register-page">
    <xsl:variable name="entities" select="ed:entities($kind)"/>
    <!-- An identifier's source is its authority record (linked); the listed sources are those of dates. -->
    <xsl:variable name="sources" select="($entities/descendant-or-self::*[not(self::idno)]/@source ! ed:targets(.))/."/>
    <xsl:if test="exists($entities)">
      <xsl:call-template name="web:page">
        <xsl:with-param name="title" select="ed:label($kind)"/>
        <xsl:with-param name="page" select="'register'"/>
        <xsl:with-param name="path" select="web:register-href($kind, '')"/>
        <xsl:with-param name="content" as="node()*">
          <article class="register" aria-labelledby="register-title">
            <header class="document-header">
              <h1 id="register-title">{ed:label($kind)}</h1>
              <p class="register-intro">{count($entities)} entries of the edition's register. Each lists
                every place in the edition that names it.</p>
              <xsl:for-each select="($entities/ancestor::TEI)/teiHeader/encodingDesc/editorialDecl/interpretation">
                <details class="register-about">
                  <summary>How the register was made</summary>
                  <xsl:apply-templates>
                    <xsl:with-param name="root" select="'../'" tunnel="yes"/>
                  </xsl:apply-templates>
                </details>
              </xsl:for-each>
              <nav class="register-index" aria-label="Entries">
                <ul>
                  <xsl:for-each select="$entities">
                    <li><a href="#{@xml:id}">{ed:entity-name(.)}</a></li>
                  </xsl:for-each>
                </ul>
              </nav>
            </header>
            <xsl:apply-templates select="$entities" mode="web:entry">
              <xsl:with-param name="root" select="'../'" tunnel="yes"/>
              <xsl:with-param name="web:sources" select="$sources" tunnel="yes"/>
            </xsl:apply-templates>
            <xsl:if test="exists($sources)">
              <section class="register-sources" aria-labelledby="sources-heading">
                <h2 id="sources-heading">Sources</h2>
                <ol>
                  <xsl:for-each select="$sources">
                    <li id="{@xml:id}">
                      <xsl:apply-templates>
                        <xsl:with-param name="root" select="'../'" tunnel="yes"/>
                      </xsl:apply-templates>
                    </li>
                  </xsl:for-each>
                </ol>
              </section>
            </xsl:if>
          </article>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="web:entry">
    <xsl:param name="root" as="xs:string" tunnel="yes"/>
    <xsl:variable name="names" select="persName | placeName | orgName | label | name"/>
    <xsl:variable name="chosen" select="($names[@type = 'normalised'], $names[not(@xml:lang) or @xml:lang = 'en'], $names)[1]"/>
    <article class="entry entry-{local-name()}" id="{@xml:id}" aria-labelledby="{@xml:id}-name">
      <h2 id="{@xml:id}-name">{ed:entity-name(.) => ed:or(@xml:id)}</h2>
      <p class="entry-kind">{ed:label(local-name())}{@type ! (' · ' || translate(., '-', ' '))}</p>
      <xsl:if test="exists($names except $chosen)">
        <p class="entry-variants">
          <xsl:text>Also: </xsl:text>
          <xsl:for-each select="$names except $chosen">
            <xsl:if test="position() gt 1">; </xsl:if>
            <xsl:apply-templates select="."/>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:call-template name="web:entity-dates"/>
      <xsl:for-each select="(note[@type = 'description'], desc, note[not(@type)])[1]">
        <p class="entry-description"><xsl:apply-templates/></p>
      </xsl:for-each>
      <xsl:call-template name="web:authorities"/>
      <xsl:call-template name="web:occurrences"/>
    </article>
  </xsl:template>

  <!-- Birth and death of a person, or the dates of an event, each with its sources. -->
  <xsl:template name="web:entity-dates">
    <xsl:variable name="events" select="birth | death | floruit"/>
    <xsl:choose>
      <xsl:when test="exists($events)">
        <p class="entry-dates">
          <xsl:for-each select="$events">
            <xsl:variable name="verb" select="map { 'birth': 'born', 'death': 'died', 'floruit': 'active' }(local-name())"/>
            <xsl:if test="position() gt 1">; </xsl:if>
            <xsl:value-of select="if (position() = 1) then web:title-case($verb) else $verb"/>
            <xsl:for-each select="ed:date-description(.)"><xsl:text> {.}</xsl:text></xsl:for-each>
            <xsl:for-each select="placeName | settlement | country">
              <xsl:text>, </xsl:text>
              <xsl:apply-templates select="."/>
            </xsl:for-each>
            <xsl:call-template name="web:source-refs"/>
          </xsl:for-each>
        </p>
      </xsl:when>
      <xsl:when test="ed:date-description(.)">
        <p class="entry-dates">
          <xsl:text>{web:title-case(ed:date-description(.))}</xsl:text>
          <xsl:call-template name="web:source-refs"/>
        </p>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- "[1, 3]": the sources an element's @source names, numbered as in the page's list. -->
  <xsl:template name="web:source-refs">
    <xsl:param name="web:sources" as="element()*" tunnel="yes" select="()"/>
    <xsl:variable name="cited" select="ed:targets(@source)"/>
    <xsl:if test="exists($cited)">
      <span class="source-refs">
        <xsl:text> [</xsl:text>
        <xsl:for-each select="$cited">
          <xsl:variable name="source" select="."/>
          <xsl:variable name="number" select="for $i in 1 to count($web:sources) return $i[$web:sources[$i] is $source]"/>
          <xsl:if test="position() gt 1">, </xsl:if>
          <a href="#{@xml:id}" aria-label="Source {$number}" title="{ed:text(.)}">{$number}</a>
        </xsl:for-each>
        <xsl:text>]</xsl:text>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template name="web:authorities">
    <xsl:variable name="entity" select="."/>
    <xsl:variable name="identifiers" select="ed:authority-ids(.)"/>
    <xsl:if test="exists($identifiers)">
      <ul class="authorities">
        <xsl:for-each select="$identifiers">
          <xsl:variable name="identifier" select="."/>
          <li>
            <a href="{?uri}">{?label} {?id}</a>
            <xsl:if test="?cert">
              <span class="authority-cert"> ({ed:label(?cert)})</span>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- Where the edition names the entry: by document, each place once with a count. -->
  <xsl:template name="web:occurrences">
    <xsl:param name="root" as="xs:string" tunnel="yes"/>
    <xsl:variable name="entity" select="."/>
    <xsl:variable name="occurrences" select="ed:occurrences(.)[not(ancestor-or-self::* intersect $entity)]"/>
    <xsl:variable name="in-documents" select="$occurrences[ed:page-of(.) != 'register']"/>
    <xsl:variable name="in-register" select="($occurrences[ed:page-of(.) = 'register'] ! ed:anchor(.))/."/>
    <h3 class="entry-subhead">Named in</h3>
    <xsl:choose>
      <xsl:when test="exists($in-documents)">
        <ul class="occurrences">
          <xsl:for-each-group select="$in-documents" group-by="ed:document-id(.)">
            <xsl:variable name="tei" select="current-group()[1]/ancestor::TEI[1]"/>
            <li>
              <a href="{web:document-href($tei, $root)}"><cite>{ed:display-title($tei)}</cite></a>
              <xsl:for-each-group select="current-group()" group-by="ed:page-of(.)">
                <xsl:sort select="current-grouping-key()" order="descending"/>
                <xsl:if test="current-grouping-key() = 'about'">
                  <xsl:text>; </xsl:text>
                  <a href="{web:about-href($tei, $root)}">{lower-case(ed:label('about'))}</a>
                </xsl:if>
                <xsl:text>: </xsl:text>
                <xsl:for-each-group select="current-group()" group-by="ed:id(ed:anchor(.))">
                  <xsl:if test="position() gt 1">, </xsl:if>
                  <a href="{web:href(., $root)}">{ed:anchor-label(ed:anchor(.))}</a>
                  <xsl:if test="count(current-group()) gt 1"> ({count(current-group())}×)</xsl:if>
                </xsl:for-each-group>
              </xsl:for-each-group>
            </li>
          </xsl:for-each-group>
        </ul>
      </xsl:when>
      <xsl:otherwise>
        <p class="occurrences-none">Not named in the texts of this edition.</p>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="exists($in-register)">
      <p class="see-also">
        <xsl:text>See also: </xsl:text>
        <xsl:for-each select="$in-register">
          <xsl:if test="position() gt 1">; </xsl:if>
          <a href="{web:href(., $root)}">{ed:entity-name(.)}</a>
        </xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
