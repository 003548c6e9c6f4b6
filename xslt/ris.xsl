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
  <xsl:include href="metadata/ris.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:mode on-no-match="fail"/>

  <xsl:template match="TEI">
    <xsl:sequence select="ed:ris-record(.)"/>
  </xsl:template>

</xsl:stylesheet>
