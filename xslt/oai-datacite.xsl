<?xml version="1.0" encoding="UTF-8"?>
<!--
  The DataCite record (datacite.xsl) in DataCite's OAI-PMH wrapper (oai_datacite, oai-1.1). The
  datacentreSymbol names the DataCite client that registered the DOI: editio registers none, so it is empty.
  Context: a tei:TEI.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="common.xsl"/>
  <xsl:include href="metadata-common.xsl"/>
  <xsl:include href="metadata/datacite.xsl"/>
  <xsl:include href="metadata/oai-datacite.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:mode on-no-match="fail"/>

  <!-- The DataCite record already made for this document (metadata-formats.xml: wraps), so that it is
       not worked out twice; without it, made here. -->
  <xsl:param name="made" as="document-node()?"/>

  <xsl:template match="TEI">
    <xsl:sequence select="ed:oai_datacite-record(., $made)"/>
  </xsl:template>

</xsl:stylesheet>
