<?xml version="1.0" encoding="UTF-8"?>
<!--
  The mets record's rules (mode ed:mets-record) and its function ed:mets-record: a module,
  included by ../mets.xsl, the stylesheet of the format, and by ../records.xsl, which makes every
  format's record of a document in one transformation. It uses common.xsl and metadata-common.xsl
  but does not include them (the stylesheet that includes it does, once).
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

  <xsl:mode name="ed:mets-record" on-no-match="fail"/>

  <!-- The records referenced as descriptive metadata: format name → METS MDTYPE. -->
  <xsl:variable name="ed:mets-records" as="map(xs:string, xs:string)" select="map {
      'mods': 'MODS', 'marcxml': 'MARC', 'oai_dc': 'DC' }"/>

  <xsl:template match="TEI" mode="ed:mets-record">
    <xsl:param name="made" tunnel="yes" as="document-node()?"/>
    <xsl:variable name="base" select="string($ed:settings/@base-url)"/>
    <xsl:variable name="id" select="ed:document-id(.)"/>
    <xsl:variable name="file" select="ancestor::ed:document[1]/@file"/>
    <mets:mets OBJID="{ed:cite-as(.)}" LABEL="{ed:title(.)}" TYPE="{ed:kind(.)}"
        xsi:schemaLocation="http://www.loc.gov/METS/ http://www.loc.gov/standards/mets/version1121/mets.xsd">
      <mets:metsHdr LASTMODDATE="{ed:record-date(.)}T00:00:00Z">
        <mets:agent ROLE="CREATOR" TYPE="ORGANIZATION">
          <mets:name>{ed:publisher(.)}</mets:name>
        </mets:agent>
      </mets:metsHdr>
      <mets:dmdSec ID="dmd-tei">
        <mets:mdWrap MDTYPE="TEIHDR" MIMETYPE="application/tei+xml">
          <mets:xmlData>
            <xsl:choose>
              <xsl:when test="exists($made)">
                <xsl:copy-of select="$made/*"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:apply-templates select="." mode="ed:tei-record"/>
              </xsl:otherwise>
            </xsl:choose>
          </mets:xmlData>
        </mets:mdWrap>
      </mets:dmdSec>
      <xsl:for-each select="$ed:record-formats[@name = map:keys($ed:mets-records)]" xmlns:map="http://www.w3.org/2005/xpath-functions/map">
        <mets:dmdSec ID="dmd-{@name}">
          <mets:mdRef LOCTYPE="URL" MDTYPE="{$ed:mets-records(string(@name))}" MIMETYPE="{@media-type}"
                      xlink:href="{$base}metadata/{$id}{@suffix}"/>
        </mets:dmdSec>
      </xsl:for-each>
      <mets:fileSec>
        <mets:fileGrp USE="master">
          <mets:file ID="file-tei" MIMETYPE="application/tei+xml">
            <mets:FLocat LOCTYPE="URL" xlink:href="{$base}tei/{($file, $id || '.xml')[1]}"/>
          </mets:file>
        </mets:fileGrp>
        <mets:fileGrp USE="derivative">
          <mets:file ID="file-html" MIMETYPE="text/html">
            <mets:FLocat LOCTYPE="URL" xlink:href="{ed:document-url(.)}"/>
          </mets:file>
          <mets:file ID="file-text" MIMETYPE="text/plain">
            <mets:FLocat LOCTYPE="URL" xlink:href="{$base}text/{$id}.txt"/>
          </mets:file>
        </mets:fileGrp>
      </mets:fileSec>
      <mets:structMap TYPE="logical">
        <mets:div TYPE="{ed:kind(.)}" LABEL="{ed:title(.)}"
                  DMDID="{string-join(('dmd-tei', $ed:record-formats[@name = map:keys($ed:mets-records)] ! ('dmd-' || @name)), ' ')}"
                  xmlns:map="http://www.w3.org/2005/xpath-functions/map">
          <mets:fptr FILEID="file-tei"/>
          <mets:fptr FILEID="file-html"/>
          <mets:fptr FILEID="file-text"/>
        </mets:div>
      </mets:structMap>
    </mets:mets>
  </xsl:template>

  <!-- The record; $made: the tei record it carries, made already, or nothing to make it here. -->
  <xsl:function name="ed:mets-record" as="item()*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:param name="made" as="document-node()?"/>
    <xsl:apply-templates select="$tei" mode="ed:mets-record">
      <xsl:with-param name="made" tunnel="yes" select="$made"/>
    </xsl:apply-templates>
  </xsl:function>

</xsl:stylesheet>
