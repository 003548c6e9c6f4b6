<?xml version="1.0" encoding="UTF-8"?>
<!--
  The TEI header as it is, for OAI-PMH (metadataPrefix tei). The header keeps the language it inherits
  from <TEI>, which would be lost once it stands alone. Its xml:ids (and the pointers to them) are
  prefixed with the document's id: one OAI-PMH response holds many headers, and ids must stay unique
  in it even when two documents of an edition use the same local id. Context: a tei:TEI.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:mode on-no-match="shallow-copy"/>

  <xsl:template match="TEI">
    <xsl:apply-templates select="teiHeader">
      <xsl:with-param name="prefix" tunnel="yes" select="replace(string(ancestor::ed:document[1]/@id), '^([^\p{L}_])', '_$1') || '.'"/>
      <xsl:with-param name="ids" tunnel="yes" select="teiHeader//@xml:id ! string()"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="teiHeader//@xml:id">
    <xsl:param name="prefix" as="xs:string" tunnel="yes"/>
    <xsl:attribute name="xml:id" select="$prefix || ."/>
  </xsl:template>

  <!-- Pointers ("#id" tokens) to an id of the header follow it; all others stay as they are. -->
  <xsl:template match="teiHeader//@*[some $token in tokenize(.) satisfies starts-with($token, '#')]" priority="-0.5">
    <xsl:param name="prefix" as="xs:string" tunnel="yes"/>
    <xsl:param name="ids" as="xs:string*" tunnel="yes"/>
    <xsl:attribute name="{node-name(.)}" select="string-join(tokenize(.) ! (
        if (starts-with(., '#') and substring(., 2) = $ids) then '#' || $prefix || substring(., 2) else .), ' ')"/>
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
