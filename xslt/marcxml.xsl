<?xml version="1.0" encoding="UTF-8"?>
<!--
  MARC 21 bibliographic record in MARCXML (MARC 21 slim) for the digital edition of the document: what
  a library catalogue loads. Main entry under the author (100, inverted, with life dates and the authority
  record's URI in $0), title (245), edition (250), publication (264), RDA content/media/carrier (336-338),
  notes on the original and the witnesses (500), language (546), licence (540), subjects (600/610/651,
  653), editors (700/710), electronic location (856). Context: a tei:TEI.
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

  <xsl:include href="common.xsl"/>
  <xsl:include href="metadata-common.xsl"/>
  <xsl:include href="metadata/marcxml.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:mode on-no-match="fail"/>

  <xsl:template match="TEI">
    <xsl:sequence select="ed:marcxml-record(.)"/>
  </xsl:template>

</xsl:stylesheet>
