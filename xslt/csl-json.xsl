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
  <xsl:include href="metadata/csl-json.xsl"/>

  <xsl:output method="json" encoding="UTF-8" indent="yes"/>
  <xsl:mode on-no-match="fail"/>

  <xsl:template match="TEI">
    <xsl:sequence select="ed:csl-json-record(.)"/>
  </xsl:template>

</xsl:stylesheet>
