<?xml version="1.0" encoding="UTF-8"?>
<!--
  The provenance diagram of a document as an SVG file of its own (for the book, or any other use):
  apply to a tei:TEI of the edition index, as html.xsl is. The drawing is xslt/svg/provenance.xsl's.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:include href="common.xsl"/>
  <xsl:include href="svg/provenance.xsl"/>

  <xsl:template match="TEI">
    <xsl:sequence select="ed:provenance-svg(.)"/>
  </xsl:template>

</xsl:stylesheet>
