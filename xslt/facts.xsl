<?xml version="1.0" encoding="UTF-8"?>
<!--
  A document's facts: what the edition-wide pages (letters index, calendar, correspondents, places,
  registers, navigation between letters) need to know of one document, without its text. A
  per-document transform like every other (the document in a tree of its own, the compact index as
  context); editio keeps the result in the per-document cache beside the document's pages, and the
  edition-wide pages are made from the facts of every document (edition.py: facts_edition).

  The format is a contract (README, "A corpus"):

  <ed:facts id="" file="" title="" type="letter|text" changed="last change, ISO" lang="">
    <ed:date sort="" when="" from="" to="" notBefore="" notAfter="" cert="">display</ed:date>?
    <ed:action type="sent|received|…">
      <ed:person ref="" kind="persName|…">display name</ed:person>*  (<ed:org> for orgName)
      <ed:place ref="">name</ed:place>*
      <ed:date …/>*
    </ed:action>*
    <ed:context type="" target="" ref="">label</ed:context>*
    <ed:mention ref="" kind="" type="" page="text|about|register" anchor="" label="">as written</ed:mention>*
  </ed:facts>

  References are kept as written (@ref, else @key): the register resolves them.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:editio"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:output method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="yes"/>

  <xsl:include href="common.xsl"/>
  <xsl:include href="metadata-common.xsl"/>

  <!-- The names a register may resolve, wherever they stand. -->
  <xsl:variable name="ed:mention-names" as="xs:string*" select="('persName', 'placeName', 'orgName', 'rs', 'name',
      'geogName', 'settlement', 'country', 'region', 'bloc', 'district', 'eventName', 'objectName', 'title', 'term')"/>

  <!-- The party of a correspondence action, by element: persons and bodies, then places. -->
  <xsl:variable name="ed:party-elements" as="map(xs:string, xs:string)" select="map {
      'persName': 'person', 'name': 'person', 'rs': 'person', 'orgName': 'org',
      'placeName': 'place', 'settlement': 'place', 'geogName': 'place' }"/>

  <xsl:template match="TEI">
    <xsl:variable name="header" select="teiHeader"/>
    <ed:facts id="{ed:document-id(.)}" file="{ancestor::ed:document[1]/@file}" title="{ed:display-title(.)}"
              type="{ed:kind(.)}" changed="{ed:last-change(.)}" lang="{($header/profileDesc/langUsage/language/@ident, text/@xml:lang, @xml:lang)[normalize-space()][1]}">
      <xsl:apply-templates select="(ed:action-date(., 'sent'),
                                    $header/profileDesc/creation//date[@when or @notBefore or @notAfter or @from or @to],
                                    ed:action-date(., 'received'))[1]" mode="ed:facts"/>
      <xsl:for-each select="$header/profileDesc/correspDesc/correspAction">
        <ed:action type="{@type}">
          <xsl:apply-templates select="*" mode="ed:facts"/>
        </ed:action>
      </xsl:for-each>
      <xsl:for-each select="$header/profileDesc/correspDesc/correspContext/ref">
        <ed:context type="{@type}" target="{@target}" ref="{ed:context-document(@target)}">{ed:text(.)}</ed:context>
      </xsl:for-each>
      <!-- every pointer (a register's entries resolve them), one mention per pointer of a @ref -->
      <xsl:for-each select="descendant::*[@ref or (@key and local-name() = $ed:mention-names)]">
        <xsl:variable name="anchor" select="ed:anchor(.)"/>
        <xsl:variable name="page" select="ed:page-of(.)"/>
        <xsl:variable name="named" select="."/>
        <xsl:for-each select="tokenize((@ref, @key)[1])">
          <ed:mention ref="{.}" kind="{local-name($named)}">
            <xsl:if test="$named/@type">
              <xsl:attribute name="type" select="$named/@type"/>
            </xsl:if>
            <xsl:attribute name="page" select="$page"/>
            <xsl:attribute name="anchor" select="if ($page = 'about') then ed:about-anchor($anchor) else ed:id($anchor)"/>
            <xsl:attribute name="label" select="ed:anchor-label($anchor)"/>
            <xsl:text>{ed:text($named)}</xsl:text>
          </ed:mention>
        </xsl:for-each>
      </xsl:for-each>
    </ed:facts>
  </xsl:template>

  <xsl:mode name="ed:facts" on-no-match="deep-skip"/>

  <xsl:template match="date" mode="ed:facts">
    <ed:date sort="{ed:sort-date(.)}">
      <xsl:for-each select="@when, @from, @to, @notBefore, @notAfter, @cert">
        <xsl:attribute name="{local-name()}" select="normalize-space(.)"/>
      </xsl:for-each>
      <xsl:text>{ed:date-description(.) => ed:or(ed:text(.))}</xsl:text>
    </ed:date>
  </xsl:template>

  <xsl:template match="*[map:contains($ed:party-elements, local-name())]" mode="ed:facts">
    <xsl:variable name="party" select="$ed:party-elements(local-name())"/>
    <xsl:element name="ed:{$party}">
      <xsl:for-each select="(@ref, @key)[1]">
        <xsl:attribute name="ref" select="."/>
      </xsl:for-each>
      <xsl:attribute name="kind" select="local-name()"/>
      <xsl:text>{(ed:entity-name(ed:entity(@ref, .)) => ed:or(ed:display-name(.)))}</xsl:text>
    </xsl:element>
  </xsl:template>

  <!-- The day (or month, or year) a date is sorted by: its exact value, else the earliest it allows. -->
  <xsl:function name="ed:sort-date" as="xs:string">
    <xsl:param name="date" as="element()?"/>
    <xsl:sequence select="(($date/@when, $date/@from, $date/@notBefore, $date/@to, $date/@notAfter)
                           ! replace(normalize-space(.), '^(\d{4}(-\d{2}(-\d{2})?)?).*$', '$1')[matches(., '^\d{4}')], '')[1]"/>
  </xsl:function>


</xsl:stylesheet>
