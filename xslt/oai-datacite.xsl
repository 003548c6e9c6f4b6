<?xml version="1.0" encoding="UTF-8"?>
<!--
  The DataCite record (datacite.xsl) in DataCite's OAI-PMH wrapper (oai_datacite, oai-1.1). The
  datacentreSymbol names the DataCite client that registered the DOI: editio registers none, so it is empty.
  Context: a tei:TEI.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- imported, so that this stylesheet's rule for TEI wins over the bare record's -->
  <xsl:import href="datacite.xsl"/>

  <!-- The DataCite record already made for this document (metadata-formats.xml: wraps), so that it is
       not worked out twice; without it, made here. -->
  <xsl:param name="made" as="document-node()?"/>

  <xsl:template match="TEI">
    <oai_datacite xmlns="http://schema.datacite.org/oai/oai-1.1/"
        xsi:schemaLocation="http://schema.datacite.org/oai/oai-1.1/ http://schema.datacite.org/oai/oai-1.1/oai.xsd">
      <schemaVersion>4</schemaVersion>
      <datacentreSymbol/>
      <payload>
        <xsl:choose>
          <xsl:when test="exists($made)">
            <xsl:copy-of select="$made/*"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="ed:datacite-resource"/>
          </xsl:otherwise>
        </xsl:choose>
      </payload>
    </oai_datacite>
  </xsl:template>

</xsl:stylesheet>
