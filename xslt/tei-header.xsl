<?xml version="1.0" encoding="UTF-8"?>
<!--
  The TEI header as it is, for OAI-PMH (metadataPrefix tei). The header keeps the language it inherits
  from <TEI>, which would be lost once it stands alone. Its xml:ids (and the pointers to them) are
  prefixed with the document's id: one OAI-PMH response holds many headers, and ids must stay unique
  in it even when two documents of an edition use the same local id. Context: a tei:TEI.

  A harvested record stands alone, so every other pointer is made absolute: one to a register entry
  becomes the URIs of its authority records (GND, Wikidata, …), else the address of the entry in the
  edition's register; one to the text (a note, a paragraph) the address of that place in the web edition.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:mode on-no-match="shallow-copy"/>

  <xsl:template match="TEI">
    <xsl:apply-templates select="teiHeader">
      <xsl:with-param name="prefix" tunnel="yes" select="replace(string(ancestor::ed:document[1]/@id), '^([^\p{L}_])', '_$1') || '.'"/>
      <xsl:with-param name="ids" tunnel="yes" select="teiHeader//@xml:id ! string()"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="teiHeader//@xml:id">
    <xsl:param name="prefix" as="xs:string" tunnel="yes"/>
    <xsl:attribute name="xml:id" select="$prefix || ."/>
  </xsl:template>

  <!-- Pointers: to an id of the header, they follow it; to anything else of the edition, made absolute. -->
  <xsl:template match="teiHeader//(@ref | @target | @who | @source | @corresp | @sameAs | @resp)" priority="-0.5">
    <xsl:param name="prefix" as="xs:string" tunnel="yes"/>
    <xsl:param name="ids" as="xs:string*" tunnel="yes"/>
    <xsl:variable name="attribute" select="."/>
    <xsl:attribute name="{node-name(.)}" select="distinct-values(tokenize(.) ! (
        if (starts-with(., '#') and substring(., 2) = $ids) then '#' || $prefix || substring(., 2)
        else ed:absolute-pointer(., $attribute/..))) => string-join(' ')"/>
  </xsl:template>

  <!-- A pointer as a URI that resolves outside the edition's files. -->
  <xsl:function name="ed:absolute-pointer" as="xs:string+">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="element()"/>
    <xsl:variable name="entity" select="ed:entity($pointer, $context)"/>
    <xsl:variable name="authorities" select="ed:authority-ids($entity)?uri"/>
    <xsl:variable name="fragment" select="ed:fragment($pointer, $context/ancestor::TEI[1])"/>
    <!-- in this document first: a per-document transform's index does not hold the document's own text -->
    <xsl:variable name="target" select="($context/ancestor::TEI[1]//*[@xml:id = $fragment],
                                         $fragment ! key('ed:by-id', ., $ed:edition))[1]"/>
    <xsl:sequence select="
        if (matches($pointer, '^[A-Za-z][A-Za-z0-9+.\-]*://')) then $pointer
        else if (exists($authorities)) then $authorities
        else if (exists($entity)) then
            $ed:settings/@base-url || ed:register-path($entity)
        else if (exists($target)) then ed:document-url($target/ancestor::TEI[1]) || '#' || $fragment
        else $pointer"/>
  </xsl:function>

  <xsl:template match="teiHeader">
    <xsl:copy copy-namespaces="no">
      <xsl:copy-of select="ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
      <xsl:apply-templates select="@*, node()"/>
    </xsl:copy>
  </xsl:template>

  <!-- Elements without the namespaces of the edition index that wraps the document. -->
  <xsl:template match="*">
    <xsl:copy copy-namespaces="no">
      <xsl:apply-templates select="@*, node()"/>
    </xsl:copy>
  </xsl:template>

</xsl:stylesheet>
