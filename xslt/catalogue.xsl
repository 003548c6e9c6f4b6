<?xml version="1.0" encoding="UTF-8"?>
<!--
  What the OAI-PMH catalogue needs to know of one document to place it in sets: its kind, its document
  types, the date it was sent (or written) and its correspondents, each with the register entry it
  points to and that entry's identifiers; and its entry in the edition's CMIF file (cmif.xsl). editio.oai.sets turns these facts into setSpecs (one key
  function, over registers.py's authority URIs); metadata.py adds the repository, the formats, the
  record files and the datestamps (record_dates.py). A per-document transform: context the document,
  global context the compact index.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="common.xsl"/>
  <xsl:include href="metadata-common.xsl"/>
  <!-- the letter's CMIF entry comes with its facts -->
  <xsl:include href="metadata/cmif.xsl"/>
  <xsl:include href="metadata/catalogue.xsl"/>

  <xsl:output method="json" encoding="UTF-8" indent="no"/>
  <xsl:mode on-no-match="fail"/>

  <xsl:template match="TEI">
    <xsl:sequence select="ed:facts(.)"/>
  </xsl:template>

</xsl:stylesheet>
