<?xml version="1.0" encoding="UTF-8"?>
<!--
  The oai_datacite record's rules (mode ed:oai_datacite-record) and its function ed:oai_datacite-record: a module,
  included by ../oai-datacite.xsl, the stylesheet of the format, and by ../records.xsl, which makes every
  format's record of a document in one transformation. It uses common.xsl and metadata-common.xsl
  but does not include them (the stylesheet that includes it does, once).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="ed:oai_datacite-record" on-no-match="fail"/>

  <xsl:template match="TEI" mode="ed:oai_datacite-record">
    <xsl:param name="made" tunnel="yes" as="document-node()?"/>
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

  <!-- The record; $made: the datacite record it carries, made already, or nothing to make it here. -->
  <xsl:function name="ed:oai_datacite-record" as="item()*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:param name="made" as="document-node()?"/>
    <xsl:apply-templates select="$tei" mode="ed:oai_datacite-record">
      <xsl:with-param name="made" tunnel="yes" select="$made"/>
    </xsl:apply-templates>
  </xsl:function>

</xsl:stylesheet>
