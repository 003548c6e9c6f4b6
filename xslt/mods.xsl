<?xml version="1.0" encoding="UTF-8"?>
<!--
  MODS 3.6 from the TEI header and the register. Context: a tei:TEI.

  The record describes the digital edition of the text: its names carry authority URIs (authority,
  authorityURI, valueURI, nameIdentifier), its originInfo the dates of writing (uncertain ones
  qualified, the key date on writing) and of this edition, and each witness of the translation chain
  is a relatedItem; a printing in a periodical has that periodical as its host.

  Declared 3.6 because the record uses nothing later and validates against both mods-3-6.xsd and
  mods-3-8.xsd (tests/test_metadata.py).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns="http://www.loc.gov/mods/v3"
    xmlns:xlink="http://www.w3.org/1999/xlink"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="common.xsl"/>
  <xsl:include href="metadata-common.xsl"/>
  <xsl:include href="metadata/mods.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:mode on-no-match="fail"/>

  <xsl:template match="TEI">
    <xsl:sequence select="ed:mods-record(.)"/>
  </xsl:template>

</xsl:stylesheet>
