<?xml version="1.0" encoding="UTF-8"?>
<!--
  The jsonld record's rules (mode ed:jsonld-record) and its function ed:jsonld-record: a module,
  included by ../jsonld.xsl, the stylesheet of the format, and by ../records.xsl, which makes every
  format's record of a document in one transformation. It uses common.xsl and metadata-common.xsl
  but does not include them (the stylesheet that includes it does, once).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="ed:jsonld-record" on-no-match="fail"/>

  <xsl:template match="TEI" mode="ed:jsonld-record">
    <xsl:sequence select="ed:jsonld(.)"/>
  </xsl:template>

  <!-- The record (its stylesheet, and records.xsl with every other format's). -->
  <xsl:function name="ed:jsonld-record" as="item()*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:apply-templates select="$tei" mode="ed:jsonld-record"/>
  </xsl:function>

</xsl:stylesheet>
