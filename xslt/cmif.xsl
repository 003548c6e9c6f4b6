<?xml version="1.0" encoding="UTF-8"?>
<!--
  CMIF v1.1 (correspSearch's Correspondence Metadata Interchange Format) for the whole edition: one
  correspDesc per letter, persons and bodies with GND URIs (VIAF, then Wikidata, where there is no
  GND), places with GeoNames URIs, in the http:// forms correspSearch expects.

  The sent date is ed:dispatch-date: a sent date the TEI marks uncertain (cert low) is not passed on
  as a point in time, which correspSearch would index as a fact; the letter is dated by the span the
  edition establishes for its writing (creation), which contains the uncertain date, and a note
  keeps the date the letter gives itself. Each letter's correspDesc is made with its other records
  (match="TEI"); the file is those entries in the edition's header (ed:cmif-file).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="common.xsl"/>
  <xsl:include href="metadata-common.xsl"/>
  <xsl:include href="metadata/cmif.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:mode on-no-match="fail"/>

  <!-- A letter's entry, made with its other records (a per-document transform: context the document,
       global context the compact index); a document that is not a letter sent and received has none. -->
  <xsl:template match="TEI">
    <xsl:sequence select="ed:cmif-entry(.)"/>
  </xsl:template>

</xsl:stylesheet>
