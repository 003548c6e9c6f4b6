<?xml version="1.0" encoding="UTF-8"?>
<!-- RIS for the digital edition of the document; lines end with CR LF as the format asks. A person is
     "Family, Given" (readers split at the comma; a name without one becomes a single-field, corporate
     creator in Zotero). Context: a tei:TEI. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="common.xsl"/>
  <xsl:include href="metadata-common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:mode on-no-match="fail"/>

  <xsl:template match="TEI">
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

</xsl:stylesheet>
