<?xml version="1.0" encoding="UTF-8"?>
<!--
  The TEI header as it is, for OAI-PMH (metadataPrefix tei). The header keeps the language it inherits
  from <TEI>, which would be lost once it stands alone. Its xml:ids (and the pointers to them) are
  prefixed with the document's id: one OAI-PMH response holds many headers, and ids must stay unique
  in it even when two documents of an edition use the same local id. Context: a tei:TEI.

  A harvested record stands alone, so every other pointer is made absolute: one to a register entry
  becomes the URIs of its authority records (GND, Wikidata, …), else the address of the entry in the
  edition's register; one to the text (a note, a paragraph) the address of that place in the web edition.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="common.xsl"/>
  <xsl:include href="metadata/tei-header.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:mode on-no-match="shallow-copy"/>

  <xsl:template match="TEI">
    <xsl:sequence select="ed:tei-record(.)"/>
  </xsl:template>

</xsl:stylesheet>
