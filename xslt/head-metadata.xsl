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

  <xsl:template name="ed:head-metadata" as="element()*">
    <xsl:context-item as="element(TEI)" use="required"/>
    <xsl:variable name="citation" select="ed:citation(.)"/>
    <xsl:variable name="url" select="ed:document-url(.)"/>
    <xsl:variable name="id" select="ed:document-id(.)"/>

    <link rel="schema.DC" href="http://purl.org/dc/elements/1.1/"/>
    <xsl:for-each select="ed:dublin-core(.)">
      <meta name="DC.{?1}" content="{?2}"/>
    </xsl:for-each>

    <xsl:for-each select="
        ['citation_title', $citation?title],
        $citation?authors ! ['citation_author', .],
        ['citation_publication_date', translate($citation?issued, '-', '/')],
        ['citation_publisher', $citation?publisher],
        ['citation_language', $citation?language],
        ['citation_keywords', string-join($citation?keywords, '; ')],
        ['citation_public_url', $url],
        ['citation_fulltext_html_url', $url]">
      <xsl:if test="normalize-space(?2)">
        <meta name="{?1}" content="{?2}"/>
      </xsl:if>
    </xsl:for-each>

    <link rel="cite-as" href="{$url}"/>
    <link rel="type" href="https://schema.org/{ed:kind-term(., 'schema')}"/>
    <link rel="type" href="https://schema.org/AboutPage"/>
    <xsl:for-each select="$ed:record-formats[@scope = 'document'][@site = 'yes']">
      <link rel="describedby" href="{$ed:settings/@base-url}metadata/{$id}{@suffix}" type="{@media-type}"/>
    </xsl:for-each>
    <link rel="license" href="{ed:licence(.)?url}"/>
    <xsl:for-each select="distinct-values(ed:responsible(., 'author') ! ed:authority-ids(ed:entity(@ref, .))?uri)">
      <link rel="author" href="{.}"/>
    </xsl:for-each>

    <script type="application/ld+json">
      <xsl:value-of select="serialize(ed:jsonld(.), map { 'method': 'json' })" disable-output-escaping="yes"/>
    </script>
  </xsl:template>

</xsl:stylesheet>
