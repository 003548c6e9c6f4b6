<?xml version="1.0" encoding="UTF-8"?>
<!--
  Behaviours "inline", "line", "responsibility", "highlight", "emphasis", "term", "title", "code",
  "line-break", "space", "anchor" and "link" (xslt/behaviours.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:web="urn:editio:web"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Behaviour "inline": running text with nothing to show but its language or rendition. -->
  <xsl:template _match="{$ed:match?inline}">
    <span class="tei-{local-name()}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Behaviour "line": the lines of an address, the parts of a title. -->
  <xsl:template _match="{$ed:match?line}">
    <span class="tei-{local-name()}{@type ! (' title-part-' || .)}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:apply-templates/>
    </span>
    <!-- the space keeps the words apart where the page is read as text (search, copying, readers) -->
    <!-- a line ends where another line follows it (an address's parts, a shelfmark's) -->
    <xsl:if test="following-sibling::*[ed:behaviour(.) = 'line']"><xsl:text> </xsl:text><br/></xsl:if>
  </xsl:template>

  <!-- "Encoding: The editio project". -->
  <xsl:template _match="{$ed:match?responsibility}">
    <span class="tei-respStmt">
      <xsl:apply-templates select="resp"/>
      <xsl:text>: </xsl:text>
      <xsl:for-each select="* except resp">
        <xsl:if test="position() gt 1">, </xsl:if>
        <xsl:apply-templates select="."/>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- A licence with an address is a link (rel="license"): web-only, so not a behaviour of its own. -->
  <xsl:template match="licence[@target]">
    <a class="tei-licence" rel="license" href="{@target}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:apply-templates/>
    </a>
  </xsl:template>

  <!-- Behaviour "emphasis": typography the source asks for (@rend, @rendition, @style), or the
       semantics of the element. -->
  <xsl:template _match="{$ed:match?highlight}">
    <span class="tei-hi{if (ed:rendition-css(.)) then '' else ' hi-plain'}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template _match="{$ed:match?emphasis}">
    <em class="tei-emph">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:apply-templates/>
    </em>
  </xsl:template>

  <!-- Behaviour "term". -->
  <xsl:template _match="{$ed:match?term}">
    <i class="tei-{local-name()}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:apply-templates/>
    </i>
  </xsl:template>

  <!-- Behaviour "title": titles of articles and unpublished items are quoted; those of books and journals italic. -->
  <xsl:template _match="{$ed:match?title}">
    <xsl:element name="{if (ed:is-quoted-title(.)) then 'q' else 'cite'}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:attribute name="class" select="'tei-title'"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Behaviour "code": TEI's names for its own elements, attributes and values. -->
  <xsl:template _match="{$ed:match?code}">
    <code class="tei-{local-name()}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:value-of select="ed:code-text(.)"/>
    </code>
  </xsl:template>

  <!-- Behaviour "break": line breaks as in the source; a space holds its place. -->
  <xsl:template _match="{$ed:match?line-break}">
    <br class="tei-lb"/>
  </xsl:template>

  <!-- Behaviour "space". -->
  <xsl:template _match="{$ed:match?space}">
    <span class="tei-space">&#x2003;</span>
  </xsl:template>

  <!-- Behaviour "anchor". -->
  <xsl:template _match="{$ed:match?anchor}">
    <xsl:if test="@xml:id">
      <span class="tei-anchor" id="{@xml:id}"></span>
    </xsl:if>
  </xsl:template>

  <!-- Behaviour "link": to the web, or to where the target is read in this site. -->
  <xsl:template _match="{$ed:match?link}">
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="href" select="web:link-href(., $root)"/>
    <xsl:variable name="label" as="node()*">
      <xsl:apply-templates/>
    </xsl:variable>
    <xsl:variable name="label" as="item()*" select="if (exists($label)) then $label else web:pointer-label(.)"/>
    <xsl:choose>
      <xsl:when test="$href and not(web:in-link(.))">
        <a class="tei-{local-name()}" href="{$href}">
          <xsl:apply-templates select="." mode="web:attributes"/>
          <xsl:sequence select="$label"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="@target and empty($href)">
          <xsl:message>html: {ed:document-id(.)}: the target "{@target}" of a {name()} is not in the edition; shown as text</xsl:message>
        </xsl:if>
        <span class="tei-{local-name()}">
          <xsl:apply-templates select="." mode="web:attributes"/>
          <xsl:sequence select="$label"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="web:is-external" as="xs:boolean">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="matches($pointer, '^(https?|mailto|ftp):')"/>
  </xsl:function>

  <xsl:function name="web:link-href" as="xs:string?">
    <xsl:param name="link" as="element()"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:variable name="target" select="tokenize($link/@target)[1]"/>
    <xsl:sequence select="if (web:is-external($target)) then $target
                          else ed:targets($link/@target)[1] ! web:href(., $root)"/>
  </xsl:function>

  <!-- What an empty pointer shows: its address, or the name of what it points to. -->
  <xsl:function name="web:pointer-label" as="xs:string">
    <xsl:param name="link" as="element()"/>
    <xsl:variable name="target" select="tokenize($link/@target)[1]"/>
    <xsl:sequence select="if (web:is-external($target)) then $target
                          else (ed:targets($link/@target)[1] ! ed:anchor-label(ed:anchor(.)), $target, '')[1]"/>
  </xsl:function>

</xsl:stylesheet>
