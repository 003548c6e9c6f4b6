<?xml version="1.0" encoding="UTF-8"?>
<!--
  CSL-JSON (Citation Style Language): an array of one item, the digital edition of the document.
  A person's name goes in parts (family, given) where the register marks them up (surname, forename);
  otherwise, and for a body, whole ("literal"): guessing a family name is not ours to do.
  Context: a tei:TEI.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="common.xsl"/>
  <xsl:include href="metadata-common.xsl"/>

  <xsl:output method="json" encoding="UTF-8" indent="yes"/>
  <xsl:mode on-no-match="fail"/>

  <xsl:template match="TEI">
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

</xsl:stylesheet>
