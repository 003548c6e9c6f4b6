<?xml version="1.0" encoding="UTF-8"?>
<!--
  Behaviours "name" (a link to its register entry, with a short card on hover and focus) and
  "date" (its normalised value for machines, its uncertainty for readers).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:web="urn:editio:web"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Register entries as the cards names show. -->
  <xsl:mode name="web:card" on-no-match="deep-skip"/>

  <!-- The register entry a name points to (every pointer form: see ed:entity). -->
  <xsl:function name="web:entity" as="element()?">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="ed:entity(tokenize($name/@ref)[1], $name)"/>
  </xsl:function>

  <!-- The id of the document of the edition a name points to instead (a letter naming another:
       <rs type="letter" ref="#L00019">), read on its own page. -->
  <xsl:function name="web:document-pointer" as="xs:string?">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="pointer" select="tokenize($name/@ref)[1]"/>
    <xsl:variable name="id" select="($pointer ! ed:fragment(., $name/ancestor::TEI[1]), $pointer[matches(., '^[\p{L}_][\w.\-]*$')])[1]"/>
    <xsl:sequence select="$id ! key('ed:document-by-id', ., $ed:edition)[@has-text = 'true'][1]/@id ! string()"/>
  </xsl:function>

  <!-- Links cannot nest: a name holding other names is no link itself (it gets a mark that is),
       and nothing inside a link is one. -->
  <xsl:function name="web:makes-link" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="
        if ($element[self::ref or self::ptr]) then exists(web:link-href($element, ''))
                                                   and not(web:in-link($element))
        else if (exists(web:entity($element)))
          then empty($element//*[@ref][exists(web:entity(.))]) and empty($element/ancestor::*[self::ref or self::ptr][web:makes-link(.)])
        else (web:is-external(tokenize($element/@ref)[1]) or exists(web:document-pointer($element)))
             and empty($element/ancestor::*[@ref or @target][web:makes-link(.)])"/>
  </xsl:function>

  <xsl:function name="web:in-link" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/ancestor::*[@ref or @target][web:makes-link(.)])"/>
  </xsl:function>

  <xsl:template _match="{$ed:match?name}">
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <xsl:param name="web:cards" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="entity" select="web:entity(.)"/>
    <xsl:variable name="card" as="attribute()*">
      <xsl:if test="$entity and $web:cards">
        <xsl:attribute name="aria-describedby" select="'card-' || $entity/@xml:id"/>
        <xsl:attribute name="data-card" select="'card-' || $entity/@xml:id"/>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="classes" select="string-join(('name', 'tei-' || local-name(),
        $entity ! ('name-' || ed:entity-kind(.)), $entity[@type = 'periodical'] ! 'name-periodical', @cert[. != 'high'] ! 'name-uncertain'), ' ')"/>
    <xsl:variable name="uncertain" as="node()*">
      <xsl:for-each select="ed:cert-label(@cert[. != 'high'])">
        <span class="visually-hidden"> (identification {.})</span>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="web:makes-link(.)">
        <a class="{$classes}" href="{if ($entity) then web:href($entity, $root)
                                     else (web:document-pointer(.) ! ($root || . || '.html'), tokenize(@ref)[1])[1]}">
          <xsl:apply-templates select="." mode="web:attributes"/>
          <xsl:sequence select="$card"/>
          <xsl:apply-templates/>
          <xsl:sequence select="$uncertain"/>
        </a>
      </xsl:when>
      <xsl:when test="$entity and not(web:in-link(.))">
        <span class="{$classes} name-holder">
          <xsl:apply-templates select="." mode="web:attributes"/>
          <xsl:apply-templates/>
          <a class="name-mark" href="{web:href($entity, $root)}"
             aria-label="{ed:entity-name($entity)} ({ed:label(local-name($entity))})">
            <xsl:sequence select="$card"/>
            <xsl:text>&#x2197;&#xFE0E;</xsl:text>
          </a>
          <xsl:sequence select="$uncertain"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="@ref and empty($entity) and not(web:is-external(tokenize(@ref)[1])) and empty(web:document-pointer(.))">
          <xsl:message>html: {ed:document-id(.)}: "{@ref}" names no entry of the edition's register; the name is shown unlinked</xsl:message>
        </xsl:if>
        <span class="{$classes}">
          <xsl:apply-templates select="." mode="web:attributes"/>
          <xsl:apply-templates/>
          <xsl:sequence select="$uncertain"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The cards of the entities a document names, shown by edition.js next to a name. -->
  <xsl:template name="web:cards">
    <xsl:param name="root" as="xs:string" select="''"/>
    <xsl:variable name="entities" select="(.//*[@ref] ! web:entity(.))/."/>
    <xsl:if test="exists($entities)">
      <div class="cards">
        <xsl:apply-templates select="$entities" mode="web:card">
          <xsl:with-param name="root" select="$root"/>
        </xsl:apply-templates>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- A card describes its name (aria-describedby); its link is for a tap, which opens the card
       instead of leaving the page. -->
  <xsl:template match="*" mode="web:card">
    <xsl:param name="root" as="xs:string" select="''"/>
    <div class="card" id="card-{@xml:id}" hidden="">
      <p class="card-kind">{ed:label(local-name())}</p>
      <p class="card-name">{web:typographic(ed:entity-name(.) => ed:or(@xml:id))}</p>
      <xsl:for-each select="ed:life-dates(.)">
        <p class="card-dates">{.}</p>
      </xsl:for-each>
      <xsl:for-each select="ed:entity-description(.)">
        <p class="card-description">{web:typographic(.)}</p>
      </xsl:for-each>
      <p class="card-link"><a href="{web:href(., $root)}" tabindex="-1">In the register →</a></p>
    </div>
  </xsl:template>

  <!-- Behaviour "date". -->
  <xsl:template _match="{$ed:match?date}">
    <xsl:variable name="machine" select="@when[matches(., '^\d{4}(-\d\d(-\d\d)?)?$')]"/>
    <xsl:variable name="qualified" select="exists(@when-custom | @cert | @from | @to | @notBefore | @notAfter | @dur)"/>
    <xsl:element name="{if ($machine) then 'time' else 'span'}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:attribute name="class" select="string-join(('date', @cert[. != 'high'] ! 'date-uncertain'), ' ')"/>
      <xsl:if test="$machine">
        <xsl:attribute name="datetime" select="$machine"/>
      </xsl:if>
      <xsl:if test="$qualified">
        <xsl:attribute name="title" select="(ed:date-description(.), ed:format-duration(@dur))[1]"/>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
