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

  <!-- the letter's CMIF entry comes with its facts (cmif.xsl includes common.xsl and metadata-common.xsl) -->
  <xsl:import href="cmif.xsl"/>

  <xsl:output method="json" encoding="UTF-8" indent="no"/>
  <xsl:mode on-no-match="fail"/>

  <xsl:template match="TEI">
    <xsl:variable name="tei" select="."/>
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
  </xsl:template>

</xsl:stylesheet>
