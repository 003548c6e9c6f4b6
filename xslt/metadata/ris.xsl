<?xml version="1.0" encoding="UTF-8"?>
<!--
  The ris record's rules (mode ed:ris-record) and its function ed:ris-record: a module,
  included by ../ris.xsl, the stylesheet of the format, and by ../records.xsl, which makes every
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

  <xsl:mode name="ed:ris-record" on-no-match="fail"/>

  <xsl:template match="TEI" mode="ed:ris-record">
    <xsl:variable name="citation" select="ed:citation(.)"/>
    <xsl:variable name="lines" as="array(xs:string?)*" select="
        ['TY', $ed:kinds($citation?kind)?ris],
        $citation?author-parties ! ['AU', ed:inverted-name(., false())],
        ['TI', $citation?title],
        $citation?editor-parties ! ['ED', ed:inverted-name(., false())],
        ['PB', $citation?publisher],
        ['PY', substring($citation?issued, 1, 4)],
        ['DA', translate($citation?issued, '-', '/')],
        ['ET', $citation?version],
        ['UR', $citation?url],
        ['DO', $citation?doi],
        ['LA', $citation?language],
        $citation?keywords ! ['KW', .],
        ['N1', $citation?original ! ('Original date: ' || ed:date-description(.))],
        ['ID', $citation?id]"/>
    <xsl:value-of select="($lines[normalize-space(?2)], ['ER', '']) ! (?1 || '  - ' || ?2 || '&#13;&#10;')" separator=""/>
  </xsl:template>

  <!-- The record (its stylesheet, and records.xsl with every other format's). -->
  <xsl:function name="ed:ris-record" as="item()*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:apply-templates select="$tei" mode="ed:ris-record"/>
  </xsl:function>

</xsl:stylesheet>
