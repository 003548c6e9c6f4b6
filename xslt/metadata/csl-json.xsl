<?xml version="1.0" encoding="UTF-8"?>
<!--
  The csl-json record's rules (mode ed:csl-json-record) and its function ed:csl-json-record: a module,
  included by ../csl-json.xsl, the stylesheet of the format, and by ../records.xsl, which makes every
  format's record of a document in one transformation. It uses common.xsl and metadata-common.xsl
  but does not include them (the stylesheet that includes it does, once).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="ed:csl-json-record" on-no-match="fail"/>

  <xsl:template match="TEI" mode="ed:csl-json-record">
    <xsl:variable name="citation" select="ed:citation(.)"/>
    <xsl:sequence select="array { ed:json-object(map {
        'id': $citation?id,
        'type': $ed:kinds($citation?kind)?csl,
        'title': $citation?title,
        'author': array { $citation?author-parties ! ed:csl-name(.) },
        'editor': array { $citation?editor-parties ! ed:csl-name(.) },
        'publisher': $citation?publisher,
        'issued': ed:csl-date($citation?issued ! ed:date-parts(.), ()),
        'original-date': $citation?original ! ed:csl-date(
            (@when, @notBefore, @from)[1] ! ed:date-parts(.), (@notAfter, @to)[1][not(../@when)] ! ed:date-parts(.)),
        'version': $citation?version,
        'URL': $citation?url,
        'DOI': $citation?doi,
        'language': $citation?language,
        'keyword': string-join($citation?keywords, ', ')[. != ''] }) }"/>
  </xsl:template>

  <xsl:function name="ed:csl-name" as="map(*)">
    <xsl:param name="party" as="element()"/>
    <xsl:variable name="parts" select="ed:name-parts($party)"/>
    <xsl:sequence select="if (empty($parts)) then map { 'literal': ed:party-name($party) }
        else ed:json-object(map { 'family': $parts?family, 'given': $parts?given, 'dropping-particle': $parts?particle })"/>
  </xsl:function>

  <!-- A CSL date: {"date-parts": [[y, m, d]]}, or [[start], [end]] for a range; nothing without a start. -->
  <xsl:function name="ed:csl-date" as="map(*)?">
    <xsl:param name="start" as="xs:integer*"/>
    <xsl:param name="end" as="xs:integer*"/>
    <xsl:sequence select="if (empty($start)) then ()
                          else map { 'date-parts': array { array { $start }, (array { $end })[exists($end)] } }"/>
  </xsl:function>

  <!-- The record (its stylesheet, and records.xsl with every other format's). -->
  <xsl:function name="ed:csl-json-record" as="item()*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:apply-templates select="$tei" mode="ed:csl-json-record"/>
  </xsl:function>

</xsl:stylesheet>
