<?xml version="1.0" encoding="UTF-8"?>
<!--
  A document's facts for the OAI catalogue (ed:facts, a map; see ../catalogue.xsl): a module, included
  by ../catalogue.xsl and by ../records.xsl, after common.xsl, metadata-common.xsl and metadata/cmif.xsl.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:function name="ed:facts" as="map(*)">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="date" select="ed:dispatch-date($tei)"/>
    <xsl:sequence select="map {
        'id': ed:document-id($tei),
        'cmif': ed:cmif-entry($tei) ! serialize(., map { 'method': 'xml' }),
        'kind': ed:kind($tei),
        'types': array { distinct-values(($tei/text/@type, $tei/@type)[1] ! normalize-space()[. != '']) },
        'date': ed:json-object(map:merge(($date/(@when, @notBefore, @notAfter, @from, @to)) ! map { local-name(): string() })),
        'correspondents': array {
            for $party in ed:correspondents($tei/teiHeader/profileDesc/correspDesc/correspAction[@type = ('sent', 'received')])
            return let $entity := ed:entity(tokenize($party/@ref)[1], $party)
            return ed:json-object(map {
                'pointer': tokenize($party/@ref)[1],
                'entry': $entity/@xml:id ! string(),
                'idnos': array { ($entity, $party)/idno[normalize-space()] ! [string(@type), normalize-space()] },
                'name': ed:party-name($party) }) } }"/>
  </xsl:function>

</xsl:stylesheet>
