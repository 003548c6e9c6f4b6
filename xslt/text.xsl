<?xml version="1.0" encoding="UTF-8"?>
<!--
  The plain text of a document: a title block, the reading text in paragraphs wrapped at 72
  columns, section headings, and the notes as numbered endnotes. UTF-8, nothing of the markup.

  Applied to a tei:TEI. Blocks (unnamed mode) return one string each, already wrapped and
  indented; running text (mode txt:inline) is collected per block, its white space normalised,
  then wrapped. Each behaviour of xslt/behaviours.xsl has its rule in both modes.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:txt="urn:editio:text"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:include href="common.xsl"/>
  <xsl:include href="text/layout.xsl"/>
  <xsl:include href="text/blocks.xsl"/>
  <xsl:include href="text/inline.xsl"/>
  <xsl:include href="text/collation.xsl"/>

  <!-- Which reading of each choice the text gives: corrected or diplomatic. -->
  <xsl:param name="reading" as="xs:string" select="'corrected'"/>

</xsl:stylesheet>
