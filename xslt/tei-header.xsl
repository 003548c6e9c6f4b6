<?xml version="1.0" encoding="UTF-8"?>
<!--
  The TEI header as it is, for OAI-PMH (metadataPrefix tei). The header keeps the language it inherits
  from <TEI>, which would be lost once it stands alone. Context: a tei:TEI.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:mode on-no-match="shallow-copy"/>

  <xsl:template match="TEI">
    <xsl:apply-templates select="teiHeader"/>
  </xsl:template>

  <xsl:template match="teiHeader">
    <xsl:copy copy-namespaces="no">
      <xsl:copy-of select="ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
      <xsl:apply-templates select="@*, node()"/>
    </xsl:copy>
  </xsl:template>

  <!-- Elements without the namespaces of the edition index that wraps the document. -->
  <xsl:template match="*">
    <xsl:copy copy-namespaces="no">
      <xsl:apply-templates select="@*, node()"/>
    </xsl:copy>
  </xsl:template>

</xsl:stylesheet>
