<?xml version="1.0" encoding="UTF-8"?>
<!--
  Every document-scope record of one document, in one transformation: the named template
  ed:records returns, in the order of metadata-formats.xml, each format's record as the string its
  own stylesheet writes (its xsl:output, read from it at compile time). A format's rules are a
  module, metadata/<stylesheet>, included both here and by the format's own stylesheet, which stays
  usable alone; here each is asked through its function ed:<format>-record (found by name from the
  format table), which applies its rules in a mode of its own.

  Why one transformation: each transformation works out the edition's globals again (its register
  tables, the format table, the settings), which for a corpus cost more than a record; a letter's
  records share them here. A wrapping format (METS, oai_datacite) is given the record it carries as
  that record's file reads (made just before, then parsed), as metadata.py gives it to the stylesheet
  alone.

  ed:facts-and-records returns the document's facts for the OAI catalogue (catalogue.xsl) first.

  Parameters: $document, the document's TEI (Edition.document_node); the records' own parameters
  (record-date, pid-scheme, pid-value, edition-uuid) as for each stylesheet. Context: the edition
  (common.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="common.xsl"/>
  <xsl:include href="metadata-common.xsl"/>
  <!-- each format's rules and function, as its stylesheet includes them -->
  <xsl:include href="metadata/dc.xsl"/>
  <xsl:include href="metadata/mods.xsl"/>
  <xsl:include href="metadata/tei-header.xsl"/>
  <xsl:include href="metadata/jsonld.xsl"/>
  <xsl:include href="metadata/bibtex.xsl"/>
  <xsl:include href="metadata/ris.xsl"/>
  <xsl:include href="metadata/csl-json.xsl"/>
  <xsl:include href="metadata/marcxml.xsl"/>
  <xsl:include href="metadata/datacite.xsl"/>
  <xsl:include href="metadata/oai-datacite.xsl"/>
  <xsl:include href="metadata/mets.xsl"/>
  <!-- and the document's facts for the OAI catalogue, with its CMIF entry (catalogue.xsl) -->
  <xsl:include href="metadata/cmif.xsl"/>
  <xsl:include href="metadata/catalogue.xsl"/>

  <xsl:param name="document" as="element(TEI)"/>

  <!-- The serialisation parameters of each document-scope format's stylesheet and of catalogue.xsl,
       stylesheet → parameters as fn:serialize takes them, read from its xsl:output at compile time. -->
  <xsl:variable name="ed:serialisations" static="yes" as="map(xs:string, map(*))" select="
      map:merge((doc(resolve-uri('metadata-formats.xml', static-base-uri()))/ed:formats/ed:format[@scope = 'document']/string(@stylesheet),
                 'catalogue.xsl')
        ! (let $output := doc(resolve-uri(., static-base-uri()))/xsl:stylesheet/xsl:output[not(@name)]
           return map { .: map:merge((
             $output/@* ! map { local-name(): if (local-name() = ('indent', 'omit-xml-declaration', 'include-content-type',
                                                                   'undeclare-prefixes', 'byte-order-mark', 'escape-uri-attributes'))
                                               then . = 'yes'
                                               else if (local-name() = ('suppress-indentation', 'cdata-section-elements'))
                                               then tokenize(.) ! QName(replace(., '^Q\{([^}]*)\}.*$', '$1'), replace(., '^Q\{[^}]*\}', ''))
                                               else string(.) },
             (: the default of xsl:output, not of fn:serialize :)
             map { 'omit-xml-declaration': false() })) }))"/>

  <!-- The document's facts (as catalogue.xsl writes them), then its records (ed:records): what
       record_dates.py needs of a document first. -->
  <xsl:template name="ed:facts-and-records" as="xs:string+">
    <xsl:sequence select="serialize(ed:facts($document), $ed:serialisations('catalogue.xsl'))"/>
    <xsl:call-template name="ed:records"/>
  </xsl:template>

  <xsl:template name="ed:records" as="xs:string*">
    <xsl:iterate select="$ed:record-formats[@scope = 'document']">
      <xsl:param name="made" as="map(xs:string, xs:string)" select="map {}"/>
      <xsl:variable name="format" select="string(@name)"/>
      <xsl:variable name="carried" select="@wraps ! $made(string(.))"/>
      <!-- a carried record that came out empty (a document with no header) is worked out by the wrapper -->
      <xsl:variable name="record" select="
          if (@wraps) then function-lookup(QName('urn:editio', 'ed:' || $format || '-record'), 2)(
                               $document, $carried[normalize-space(replace(., '^\s*&lt;\?xml[^>]*\?>', ''))] ! parse-xml(.))
          else function-lookup(QName('urn:editio', 'ed:' || $format || '-record'), 1)($document)"/>
      <xsl:variable name="serialised" select="serialize($record, $ed:serialisations(string(@stylesheet)))"/>
      <xsl:sequence select="$serialised"/>
      <xsl:next-iteration>
        <xsl:with-param name="made" select="map:put($made, $format, $serialised)"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:template>

</xsl:stylesheet>
