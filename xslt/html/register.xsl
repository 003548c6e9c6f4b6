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

  <!-- Alphabetical order, as a reader looks a name up: persons by surname (the last word, with its
       particles "de", "von"… after it), other entries without a leading article; accents and case
       ignored, Cyrillic after Latin (the Unicode Collation Algorithm). -->
  <xsl:variable name="web:collation" as="xs:string" select="'http://www.w3.org/2013/collation/UCA?lang=en;strength=secondary;fallback=yes'"/>

  <xsl:function name="web:sort-key" as="xs:string">
    <xsl:param name="entity" as="element()"/>
    <xsl:variable name="name" select="ed:entity-name($entity) => ed:or(string($entity/@xml:id))"/>
    <xsl:variable name="names" select="$entity/(persName | placeName | orgName | label | name)"/>
    <xsl:variable name="surname" select="$names[surname][1]/surname[1] ! ed:text(.)"/>
    <xsl:sequence select="
        if ($surname) then $surname || ' ' || $name
        else if ($entity[self::person or self::personGrp]) then
          let $words := tokenize($name)
          return string-join(($words[last()], $words[position() lt last()]), ' ')
        else replace($name, '^(the|les?|la|l’|l''|der|die|das|el|il)\s*', '', 'i')"/>
  </xsl:function>

  <!-- The letter a sort key files under: its first letter without accents. -->
  <xsl:function name="web:initial" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="upper-case(substring(replace(normalize-unicode($key, 'NFD'), '[\p{M}\P{L}]', ''), 1, 1)) => ed:or('#')"/>
  </xsl:function>

  <xsl:template name="web:register-page">
    <xsl:variable name="entities" as="element()*">
      <xsl:perform-sort select="ed:entities($kind)">
        <xsl:sort select="web:sort-key(.)" collation="{$web:collation}"/>
      </xsl:perform-sort>
    </xsl:variable>
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
              <p class="register-intro">{count($entities)} entries of the edition’s register. Each lists
                every place in the edition that names it.</p>
              <xsl:for-each select="($entities/ancestor::TEI)/teiHeader/encodingDesc/editorialDecl/interpretation">
                <details class="register-about">
                  <summary>How the register was made</summary>
                  <xsl:apply-templates>
                    <xsl:with-param name="root" select="'../'" tunnel="yes"/>
                  </xsl:apply-templates>
                </details>
              </xsl:for-each>
              <xsl:call-template name="web:register-kinds"/>
              <nav class="register-index" aria-label="Entries">
                <ul>
                  <xsl:for-each select="$entities">
                    <li><a href="#{@xml:id}">{web:typographic(ed:entity-name(.))}</a></li>
                  </xsl:for-each>
                </ul>
              </nav>
            </header>
            <xsl:for-each-group select="$entities" group-adjacent="web:initial(web:sort-key(.))">
              <section class="register-group" aria-label="{current-grouping-key()}">
                <p class="register-letter" aria-hidden="true">{current-grouping-key()}</p>
                <xsl:apply-templates select="current-group()" mode="web:entry">
                  <xsl:with-param name="root" select="'../'" tunnel="yes"/>
                  <xsl:with-param name="web:sources" select="$sources" tunnel="yes"/>
                </xsl:apply-templates>
              </section>
            </xsl:for-each-group>
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

  <!-- The kinds of register entry, linked: on every register page and as the register's index. -->
  <xsl:template name="web:register-kinds">
    <xsl:param name="root" as="xs:string" select="'../'"/>
    <nav class="document-contents" aria-label="{ed:label('register')}">
      <ul class="way-links">
        <xsl:for-each select="$ed:register-kinds">
          <li>
            <a href="{web:register-href(., $root)}">
              <xsl:if test=". = $kind"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
              <xsl:text>{ed:label(.)} ({count(ed:entities(.))})</xsl:text>
            </a>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
  </xsl:template>

  <!-- register/index.html: what the register holds. -->
  <xsl:template name="web:register-index-page">
    <xsl:if test="exists($ed:register-kinds)">
      <xsl:call-template name="web:page">
        <xsl:with-param name="title" select="ed:label('register')"/>
        <xsl:with-param name="page" select="'register'"/>
        <xsl:with-param name="path" select="'register/index.html'"/>
        <xsl:with-param name="content" as="node()*">
          <article class="register" aria-labelledby="register-title">
            <h1 id="register-title">{ed:label('register')}</h1>
            <p class="register-intro">The persons, places, organisations and events the edition names, each
              with what identifies it and every place in the texts that names it.</p>
            <xsl:call-template name="web:register-kinds"/>
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
      <h2 id="{@xml:id}-name">{web:typographic(ed:entity-name(.) => ed:or(@xml:id))}</h2>
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
    <xsl:variable name="several" select="count($ed:edition//ed:document[@has-text = 'true']) gt 1"/>
    <xsl:choose>
      <xsl:when test="exists($in-documents)">
        <ul class="occurrences">
          <xsl:for-each-group select="$in-documents" group-by="ed:document-id(.)">
            <xsl:variable name="tei" select="current-group()[1]/ancestor::TEI[1]"/>
            <li>
              <h3 class="entry-subhead">Named in<xsl:if test="not($several)" expand-text="no"> the text</xsl:if></h3>
              <xsl:if test="$several">
                <a href="{web:document-href($tei, $root)}"><cite>{ed:display-title($tei)}</cite></a>
                <xsl:text>: </xsl:text>
              </xsl:if>
              <xsl:for-each-group select="current-group()" group-by="ed:page-of(.)">
                <xsl:sort select="current-grouping-key()" order="descending"/>
                <xsl:if test="position() gt 1">; </xsl:if>
                <xsl:if test="current-grouping-key() = 'about'">
                  <a href="{web:about-href($tei, $root)}">{lower-case(ed:label('about'))}</a>
                  <xsl:text>: </xsl:text>
                </xsl:if>
                <xsl:variable name="places" as="element()*">
                  <xsl:for-each-group select="current-group()" group-by="ed:id(ed:anchor(.))">
                    <xsl:sequence select="."/>
                  </xsl:for-each-group>
                </xsl:variable>
                <xsl:variable name="paragraphs" select="$places[ed:anchor(.)[self::p][ed:is-numbered(.)]]"/>
                <xsl:if test="exists($paragraphs)">¶&#xA0;</xsl:if>
                <xsl:for-each select="$paragraphs">
                  <xsl:if test="position() gt 1">, </xsl:if>
                  <a href="{web:href(., $root)}" aria-label="{web:typographic(ed:anchor-label(ed:anchor(.)))}">{ed:paragraph-number(ed:anchor(.))}</a>
                </xsl:for-each>
                <xsl:for-each select="$places except $paragraphs">
                  <xsl:if test="position() gt 1 or exists($paragraphs)">, </xsl:if>
                  <a href="{web:href(., $root)}">{web:typographic(ed:anchor-label(ed:anchor(.)))}</a>
                </xsl:for-each>
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
