<?xml version="1.0" encoding="UTF-8"?>
<!--
  DataCite Metadata Schema 4 (kernel-4) for the digital edition of the document: what a DOI is registered
  with. The identifier is the DOI that editio.toml [identifiers] gives (or the Handle or ARK); without one,
  the page's URL (identifierType URL), which DataCite would not register but a harvester can still use.
  oai-datacite.xsl wraps this record for OAI-PMH. Context: a tei:TEI.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:editio"
    xmlns="http://datacite.org/schema/kernel-4"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="common.xsl"/>
  <xsl:include href="metadata-common.xsl"/>
  <xsl:include href="metadata/datacite.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:mode on-no-match="fail"/>

  <xsl:template match="TEI">
    <xsl:sequence select="ed:datacite-record(.)"/>
  </xsl:template>

</xsl:stylesheet>
