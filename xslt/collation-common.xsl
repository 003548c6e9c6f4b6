<?xml version="1.0" encoding="UTF-8"?>
<!--
  The apparatus, format-neutral: how the web edition and the plain text name a kind of variant, a reading's
  witnesses (by siglum), the place of an entry, and the evidence for an emendation. Included by
  html/collation.xsl and text/collation.xsl.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:key name="ed:apps-by-unit" match="app" use="tokenize(@corresp)"/>

  <!-- How a kind of difference (app/@type, tokens joined by "-") is named for readers. -->
  <xsl:variable name="ed:variant-kinds" as="map(xs:string, xs:string)" select="map {
      'wording': 'wording', 'punctuation': 'punctuation', 'spacing': 'spacing', 'dash': 'dash',
      'hyphenation': 'hyphenation', 'capitalisation': 'capitals', 'italics': 'italics',
      'translation': 'French translation' }"/>

  <xsl:function name="ed:variant-kind" as="xs:string">
    <xsl:param name="app" as="element(app)"/>
    <xsl:sequence select="string-join(tokenize($app/@type, '-') ! ($ed:variant-kinds(.), .)[1], ', ')"/>
  </xsl:function>

  <!-- A reading's witnesses by siglum: "AL-2012, AL-2019". -->
  <xsl:function name="ed:sigla" as="xs:string">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="string-join(ed:targets($reading/@wit) ! ed:witness-label(.), ', ')"/>
  </xsl:function>

  <!-- Where an apparatus entry or an emendation stands: "¶ 12", "dateline", "heading “What to do?”". -->
  <xsl:function name="ed:unit-label" as="xs:string">
    <xsl:param name="unit" as="element()?"/>
    <xsl:sequence select="if ($unit[self::p][ed:is-numbered(.)]) then '¶ ' || ed:paragraph-number($unit)
                          else if ($unit[self::dateline]) then 'dateline'
                          else if ($unit[self::head]) then 'heading “' || ed:text($unit) || '”'
                          else 'text'"/>
  </xsl:function>

  <!-- The paragraph-like unit an element stands in. -->
  <xsl:function name="ed:unit" as="element()?">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="$element/ancestor-or-self::*[self::p or self::dateline or self::head][1]"/>
  </xsl:function>

  <!-- The evidence for an adopted reading, in words. -->
  <xsl:function name="ed:emendation-evidence" as="xs:string">
    <xsl:param name="adopted" as="element()"/>
    <xsl:sequence select="if ($adopted/@source)
                          then 'as in ' || string-join(ed:source-witnesses($adopted) ! ed:witness-label(.), ', ')
                          else if ($adopted[self::reg]) then 'the editors’ regularisation'
                          else 'the editors’ conjecture'"/>
  </xsl:function>

  <!-- One reading of a choice as a reader can find it: a reading without a letter (a stop, a space) is
       given with the words on either side ("1848- 1871", "nil"). -->
  <xsl:function name="ed:reading-in-context" as="xs:string">
    <xsl:param name="reading" as="element()?"/>
    <xsl:variable name="choice" select="$reading/parent::choice"/>
    <xsl:variable name="unit" select="ed:unit($choice)"/>
    <xsl:variable name="own" select="string($reading)"/>
    <xsl:sequence select="if (matches($own, '\p{L}')) then normalize-space($own)
        else normalize-space(string-join((
            tokenize(normalize-space(string-join($unit//text()[. &lt;&lt; $choice][not(ancestor::note or ancestor::choice)])))[last()],
            $own,
            tokenize(normalize-space(string-join($unit//text()[. &gt;&gt; $choice][not(ancestor::note or ancestor::choice)])))[1]),
            ''))"/>
  </xsl:function>

</xsl:stylesheet>
