<?xml version="1.0" encoding="UTF-8"?>
<!--
  Where things are in print: a PDF holds one document with its "about" appendix and the register
  entries it names, so the web's page addresses become fragments of the book. A target in another
  document of the edition (which this book does not hold) keeps its address on the web.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:web="urn:editio:web"
    xmlns:print="urn:editio:print"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:function name="web:document-href" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:sequence select="print:in-book($tei, 'text-' || ed:document-id($tei), '')"/>
  </xsl:function>

  <xsl:function name="web:about-href" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:sequence select="print:in-book($tei, 'about-this-text', 'about/')"/>
  </xsl:function>

  <xsl:function name="web:register-href" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:sequence select="'#register-' || $kind"/>
  </xsl:function>

  <xsl:function name="web:href" as="xs:string">
    <xsl:param name="target" as="element()"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:variable name="anchor" select="ed:anchor($target)"/>
    <xsl:sequence select="map {
        'register': function() { '#' || ed:id($anchor) },
        'text': function() { print:in-book($target, ed:id(($target[@xml:id], $anchor)[1]), '') },
        'about': function() { print:in-book($target, ed:about-anchor($anchor), 'about/') }
      }(ed:page-of($target))()"/>
  </xsl:function>

  <!-- "#id" for what this book holds; for another document, the same place in the web edition
       ($folder: '' for the reading page, 'about/' for the "about" page). -->
  <xsl:function name="print:in-book" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="folder" as="xs:string"/>
    <xsl:variable name="document" select="ed:document-id($node)"/>
    <xsl:sequence select="if ($document = $document-id) then '#' || $id
                          else $ed:settings/@base-url || $folder || $document || '.html#' || $id"/>
  </xsl:function>

</xsl:stylesheet>
