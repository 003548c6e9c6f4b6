<?xml version="1.0" encoding="UTF-8"?>
<!--
  METS 1.12 for the document as a digital object: the TEI header wrapped as descriptive metadata
  (TEIHDR, self-contained as in OAI-PMH: tei-header.xsl's pointers), the MODS, MARCXML and Dublin Core
  records referenced beside it, and its files: the TEI source (master), the web page and the plain text
  (derivatives), in one logical structure. Context: a tei:TEI.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:mets="http://www.loc.gov/METS/"
    xmlns:xlink="http://www.w3.org/1999/xlink"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="common.xsl"/>
  <xsl:include href="metadata-common.xsl"/>
  <xsl:include href="metadata/tei-header.xsl"/>
  <xsl:include href="metadata/mets.xsl"/>

  <!-- indented, but not the wrapped header: whitespace added to its mixed content would change its text -->
  <xsl:output method="xml" encoding="UTF-8" indent="yes" suppress-indentation="Q{http://www.tei-c.org/ns/1.0}teiHeader"/>
  <xsl:mode on-no-match="fail"/>

  <!-- The TEI header record already made for this document (metadata-formats.xml: wraps), so that it
       is not worked out twice; without it, made here. -->
  <xsl:param name="made" as="document-node()?"/>

  <xsl:template match="TEI">
    <xsl:sequence select="ed:mets-record(., $made)"/>
  </xsl:template>

</xsl:stylesheet>
