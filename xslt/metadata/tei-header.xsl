<?xml version="1.0" encoding="UTF-8"?>
<!--
  The tei record's rules (mode ed:tei-record) and its function ed:tei-record: a module,
  included by ../tei-header.xsl, the stylesheet of the format, and by ../records.xsl, which makes every
  format's record of a document in one transformation. It uses common.xsl but does not include it
  (the stylesheet that includes it does, once). The header is copied in that mode too.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="ed:tei-record" on-no-match="shallow-copy"/>

  <xsl:template match="TEI" mode="ed:tei-record">
    <xsl:apply-templates select="teiHeader" mode="#current">
      <xsl:with-param name="prefix" tunnel="yes" select="replace(string(ancestor::ed:document[1]/@id), '^([^\p{L}_])', '_$1') || '.'"/>
      <xsl:with-param name="ids" tunnel="yes" select="teiHeader//@xml:id ! string()"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template mode="ed:tei-record" match="teiHeader//@xml:id">
    <xsl:param name="prefix" as="xs:string" tunnel="yes"/>
    <xsl:attribute name="xml:id" select="$prefix || ."/>
  </xsl:template>

  <!-- Pointers: to an id of the header, they follow it; to anything else of the edition, made absolute. -->
  <xsl:template mode="ed:tei-record" match="teiHeader//(@ref | @target | @who | @source | @corresp | @sameAs | @resp)" priority="-0.5">
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

  <xsl:template mode="ed:tei-record" match="teiHeader">
    <xsl:copy copy-namespaces="no">
      <xsl:copy-of select="ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
      <xsl:apply-templates select="@*, node()" mode="#current"/>
    </xsl:copy>
  </xsl:template>

  <!-- Elements without the namespaces of the edition index that wraps the document. -->
  <xsl:template mode="ed:tei-record" match="*">
    <xsl:copy copy-namespaces="no">
      <xsl:apply-templates select="@*, node()" mode="#current"/>
    </xsl:copy>
  </xsl:template>

  <!-- The record (its stylesheet, and records.xsl with every other format's). -->
  <xsl:function name="ed:tei-record" as="item()*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:apply-templates select="$tei" mode="ed:tei-record"/>
  </xsl:function>

</xsl:stylesheet>
