<?xml version="1.0" encoding="UTF-8"?>
<!--
  What the OAI-PMH catalogue needs to know of each document: its sets. metadata.py adds the repository,
  the formats, the record files and the datestamps (record_dates.py). Context: the edition index.
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

  <xsl:output method="json" encoding="UTF-8" indent="yes"/>
  <xsl:mode on-no-match="fail"/>

  <xsl:template match="/">
    <xsl:sequence select="map {
        'sets': map:merge(map:keys($ed:sets) ! map { .: $ed:sets(.)?name }),
        'records': array {
            for $tei in sort(ed:edition/ed:document[@has-text = 'true']/TEI, (), function($tei) { ed:document-id($tei) })
            return ed:json-object(map {
                'id': ed:document-id($tei),
                'sets': array { ed:set-names($tei) } }) } }"/>
  </xsl:template>

</xsl:stylesheet>
