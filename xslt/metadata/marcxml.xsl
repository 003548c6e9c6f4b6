<?xml version="1.0" encoding="UTF-8"?>
<!--
  The marcxml record's rules (mode ed:marcxml-record) and its function ed:marcxml-record: a module,
  included by ../marcxml.xsl, the stylesheet of the format, and by ../records.xsl, which makes every
  format's record of a document in one transformation. It uses common.xsl and metadata-common.xsl
  but does not include them (the stylesheet that includes it does, once).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:editio"
    xmlns="http://www.loc.gov/MARC21/slim"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="ed:marcxml-record" on-no-match="fail"/>

  <!-- ISO 639-1 (TEI) to MARC language codes (ISO 639-2/B); an unknown one is "und". -->
  <xsl:variable name="ed:marc-languages" as="map(xs:string, xs:string)" select="map {
      'en': 'eng', 'fr': 'fre', 'de': 'ger', 'ru': 'rus', 'it': 'ita', 'es': 'spa', 'la': 'lat', 'nl': 'dut' }"/>

  <!-- The MARC field of an entity as subject, by kind (and its first indicator). -->
  <xsl:variable name="ed:marc-subject-fields" as="map(xs:string, array(xs:string))" select="map {
      'person': ['600', '1'], 'personGrp': ['600', '3'], 'org': ['610', '2'], 'place': ['651', ' '], 'event': ['611', '2'] }"/>

  <xsl:template match="TEI" mode="ed:marcxml-record">
    <xsl:variable name="citation" select="ed:citation(.)"/>
    <xsl:variable name="year" select="substring(($citation?issued, ed:record-date(.))[1], 1, 4)"/>
    <xsl:variable name="language" select="($ed:marc-languages(($citation?language, '')[1]), 'und')[1]"/>
    <xsl:variable name="entered" select="replace(substring(ed:record-date(.), 3), '-', '')"/>
    <record xsi:schemaLocation="http://www.loc.gov/MARC21/slim http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd">
      <!-- new record; language material; monograph; Unicode; full level; ISBD punctuation omitted -->
      <leader>00000nam a2200000 i 4500</leader>
      <controlfield tag="001">{ed:document-id(.)}</controlfield>
      <!-- 008 (40 positions): 00-05 entered, 06 single date, 07-10 year, 11-14 blank, 15-17 country unknown,
           18-21 no illustrations, 22 audience, 23 online, 24-27 contents, 28 not a government publication,
           29-31 not a conference, festschrift or index, 32 undefined, 33 literary form (i: letters), 34 no
           biography, 35-37 language, 38 not modified, 39 cataloguing source other -->
      <controlfield tag="008">{string-join(($entered, 's', ($year[. != ''], 'uuuu')[1], '    ', 'xx ', '    ', ' ', 'o',
          '    ', ' ', '000', ' ', if (ed:kind(.) = 'letter') then 'i' else '0', ' ', $language, ' ', 'd'))}</controlfield>
      <xsl:if test="$pid-value != ''">
        <datafield tag="024" ind1="7" ind2=" ">
          <subfield code="a">{$pid-value}</subfield>
          <subfield code="2">{map { 'doi': 'doi', 'handle': 'hdl', 'ark': 'ark' }($pid-scheme)}</subfield>
        </datafield>
      </xsl:if>
      <xsl:for-each select="ed:responsible(., 'author')[1]">
        <xsl:call-template name="ed:marc-name">
          <xsl:with-param name="tag" select="if (ed:party-kind(.) = 'org') then '110' else '100'"/>
          <xsl:with-param name="relator" select="'author'"/>
        </xsl:call-template>
      </xsl:for-each>
      <datafield tag="245" ind1="{if (exists(ed:responsible(., 'author'))) then '1' else '0'}" ind2="0">
        <subfield code="a">{(ed:main-title(.), ed:title(.))[1]}</subfield>
        <xsl:for-each select="ed:subtitle(.)">
          <subfield code="b">{.}</subfield>
        </xsl:for-each>
      </datafield>
      <xsl:for-each select="$citation?version">
        <datafield tag="250" ind1=" " ind2=" ">
          <subfield code="a">Version {.}</subfield>
        </datafield>
      </xsl:for-each>
      <datafield tag="264" ind1=" " ind2="1">
        <subfield code="b">{$citation?publisher}</subfield>
        <subfield code="c">{$year}</subfield>
      </datafield>
      <datafield tag="336" ind1=" " ind2=" ">
        <subfield code="a">text</subfield><subfield code="b">txt</subfield><subfield code="2">rdacontent</subfield>
      </datafield>
      <datafield tag="337" ind1=" " ind2=" ">
        <subfield code="a">computer</subfield><subfield code="b">c</subfield><subfield code="2">rdamedia</subfield>
      </datafield>
      <datafield tag="338" ind1=" " ind2=" ">
        <subfield code="a">online resource</subfield><subfield code="b">cr</subfield><subfield code="2">rdacarrier</subfield>
      </datafield>
      <xsl:for-each select="$citation?original">
        <datafield tag="500" ind1=" " ind2=" ">
          <subfield code="a">Original date: {ed:date-description(.)}</subfield>
        </datafield>
      </xsl:for-each>
      <xsl:for-each select="ed:provenance-chain(.)">
        <datafield tag="500" ind1=" " ind2=" ">
          <subfield code="a">Source: {ed:witness-line(.)}</subfield>
        </datafield>
      </xsl:for-each>
      <xsl:for-each select="ed:licence(.)">
        <datafield tag="540" ind1=" " ind2=" ">
          <subfield code="a">{?text}</subfield>
          <xsl:if test="?url != ''">
            <subfield code="u">{?url}</subfield>
          </xsl:if>
        </datafield>
      </xsl:for-each>
      <xsl:for-each select="ed:languages(.)">
        <datafield tag="546" ind1=" " ind2=" ">
          <subfield code="a">{($ed:marc-languages(.), .)[1]}</subfield>
        </datafield>
      </xsl:for-each>
      <xsl:for-each select="ed:mentioned-entities(.)">
        <xsl:variable name="field" select="$ed:marc-subject-fields(local-name())"/>
        <datafield tag="{$field(1)}" ind1="{$field(2)}" ind2="4">
          <subfield code="a">{ed:entity-name(.)}</subfield>
          <xsl:for-each select="ed:authority-ids(.)?uri">
            <subfield code="1">{.}</subfield>
          </xsl:for-each>
        </datafield>
      </xsl:for-each>
      <xsl:for-each select="ed:keywords(.)">
        <datafield tag="653" ind1=" " ind2=" ">
          <subfield code="a">{.}</subfield>
        </datafield>
      </xsl:for-each>
      <xsl:for-each select="ed:responsible(., 'editor')">
        <xsl:call-template name="ed:marc-name">
          <xsl:with-param name="tag" select="if (ed:party-kind(.) = 'org') then '710' else '700'"/>
          <xsl:with-param name="relator" select="'editor'"/>
        </xsl:call-template>
      </xsl:for-each>
      <datafield tag="856" ind1="4" ind2="0">
        <subfield code="u">{ed:cite-as(.)}</subfield>
        <subfield code="q">text/html</subfield>
      </datafield>
    </record>
  </xsl:template>

  <!-- A person (inverted, with life dates in $d) or a body, its relator term and its authority URIs ($1). -->
  <xsl:template name="ed:marc-name" as="element()">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="tag" as="xs:string"/>
    <xsl:param name="relator" as="xs:string"/>
    <xsl:variable name="parts" select="ed:name-parts(.)"/>
    <datafield tag="{$tag}" ind1="{if (ed:party-kind(.) = 'org') then '2' else if (exists($parts)) then '1' else '0'}" ind2=" ">
      <subfield code="a">{ed:inverted-name(., false())}{','[exists($parts?dates)]}</subfield>
      <xsl:for-each select="$parts?dates">
        <subfield code="d">{.}</subfield>
      </xsl:for-each>
      <subfield code="e">{$relator}</subfield>
      <xsl:for-each select="ed:authority-ids(ed:entity(@ref, .))?uri">
        <subfield code="1">{.}</subfield>
      </xsl:for-each>
    </datafield>
  </xsl:template>

  <!-- The record (its stylesheet, and records.xsl with every other format's). -->
  <xsl:function name="ed:marcxml-record" as="item()*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:apply-templates select="$tei" mode="ed:marcxml-record"/>
  </xsl:function>

</xsl:stylesheet>
