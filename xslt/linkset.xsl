<?xml version="1.0" encoding="UTF-8"?>
<!--
  The Signposting linkset of a document's landing page (RFC 9264, application/linkset+json): the links
  of ed:signposts, grouped by relation, anchored at the page. editio serve sends the same links as HTTP
  Link headers. Context: a tei:TEI.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="common.xsl"/>
  <xsl:include href="head-metadata.xsl"/>

  <xsl:output method="json" encoding="UTF-8" indent="yes"/>
  <xsl:mode on-no-match="fail"/>

  <!-- Whether the document's PDF is published beside the page. -->
  <xsl:param name="pdf" as="xs:boolean" select="false()"/>

  <xsl:template match="TEI">
    <xsl:variable name="links" select="ed:signposts(., $pdf)"/>
    <xsl:sequence select="map { 'linkset': array { map:merge((
        map { 'anchor': ed:document-url(.) },
        for $rel in distinct-values($links?rel)
        return map { $rel: array { $links[?rel = $rel] ! map:remove(., 'rel') } })) } }"
        xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:template>

</xsl:stylesheet>
