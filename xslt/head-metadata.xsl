<?xml version="1.0" encoding="UTF-8"?>
<!--
  Machine-readable metadata for the <head> of each document page: Dublin Core and Highwire
  citation_* meta tags, FAIR Signposting links, schema.org JSON-LD. Context item: the tei:TEI.

  Included by html.xsl, which also includes common.xsl (so this module must not include it again).
  The elements are HTML in no namespace; the JSON-LD is serialised with "/" escaped, so that no
  value can close the <script> early.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="metadata-common.xsl"/>

  <!-- The records a page links to (metadata-formats.xml, as $ed:record-formats): read when the stylesheet
       compiles, not parsed again by every page and linkset. -->
  <xsl:variable name="ed:signposted-formats" static="yes" as="element(ed:format)*"
      select="doc(resolve-uri('metadata-formats.xml', static-base-uri()))/ed:formats/ed:format[@scope = 'document'][@site = 'yes']"/>

  <!-- FAIR Signposting of a document's landing page, as (rel, href, type) maps: the page, its head links,
       its HTTP Link headers and its linkset (linkset.xsl) all come from here. -->
  <xsl:function name="ed:signposts" as="map(xs:string, xs:string)*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:param name="pdf" as="xs:boolean"/>
    <xsl:variable name="base" select="string($ed:settings/@base-url)"/>
    <xsl:variable name="id" select="ed:document-id($tei)"/>
    <xsl:variable name="file" select="$tei/ancestor::ed:document[1]/@file"/>
    <xsl:sequence select="
        map { 'rel': 'cite-as', 'href': ed:cite-as($tei) },
        map { 'rel': 'type', 'href': 'https://schema.org/' || ed:kind-term($tei, 'schema') },
        map { 'rel': 'type', 'href': 'https://schema.org/AboutPage' },
        distinct-values(ed:responsible($tei, 'author') ! ed:authority-ids(ed:entity(@ref, .))?uri)
            ! map { 'rel': 'author', 'href': . },
        $ed:signposted-formats
            ! map { 'rel': 'describedby', 'href': $base || 'metadata/' || $id || @suffix, 'type': string(@media-type) },
        map { 'rel': 'item', 'href': $base || 'pdf/' || $id || '.pdf', 'type': 'application/pdf' }[$pdf],
        map { 'rel': 'item', 'href': $base || 'tei/' || $file, 'type': 'application/tei+xml' }[exists($file)],
        map { 'rel': 'item', 'href': $base || 'text/' || $id || '.txt', 'type': 'text/plain' },
        ed:licence($tei)?url ! map { 'rel': 'license', 'href': . }"/>
  </xsl:function>

  <xsl:template name="ed:head-metadata" as="element()*">
    <xsl:context-item as="element(TEI)" use="required"/>
    <!-- Whether the document's PDF is published beside the page (pdf/<id>.pdf). -->
    <xsl:param name="pdf" as="xs:boolean" select="false()"/>
    <xsl:variable name="citation" select="ed:citation(.)"/>
    <xsl:variable name="url" select="ed:document-url(.)"/>
    <xsl:variable name="id" select="ed:document-id(.)"/>

    <link rel="schema.DC" href="http://purl.org/dc/elements/1.1/"/>
    <xsl:for-each select="ed:dublin-core(.)">
      <meta name="DC.{?1}" content="{?2}"/>
    </xsl:for-each>

    <xsl:for-each select="
        ['citation_title', $citation?title],
        $citation?author-parties ! ['citation_author', ed:inverted-name(., false())],
        ['citation_publication_date', translate($citation?issued, '-', '/')],
        ['citation_publisher', $citation?publisher],
        ['citation_language', $citation?language],
        ['citation_keywords', string-join($citation?keywords, '; ')],
        ['citation_public_url', $url],
        ['citation_fulltext_html_url', $url],
        ['citation_pdf_url', ($ed:settings/@base-url || 'pdf/' || $id || '.pdf')[$pdf]]">
      <xsl:if test="normalize-space(?2)">
        <meta name="{?1}" content="{?2}"/>
      </xsl:if>
    </xsl:for-each>

    <xsl:for-each select="ed:signposts(., $pdf)">
      <link rel="{?rel}" href="{?href}">
        <xsl:if test="exists(?type)">
          <xsl:attribute name="type" select="?type"/>
        </xsl:if>
      </link>
    </xsl:for-each>
    <link rel="linkset" href="{$ed:settings/@base-url}metadata/{$id}.linkset.json" type="application/linkset+json"/>

    <script type="application/ld+json">
      <xsl:value-of select="serialize(ed:jsonld(.), map { 'method': 'json' })" disable-output-escaping="yes"/>
    </script>
  </xsl:template>

</xsl:stylesheet>
