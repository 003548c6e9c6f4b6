<?xml version="1.0" encoding="UTF-8"?>
<!--
  Typst's syntax, written safely: text as markup with every character that means something to
  Typst escaped, strings as string literals, labels as labels. tests/test_typst.py proves, for
  arbitrary Unicode text, that what goes in is what the PDF says.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:typst="urn:editio:typst"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Text as markup: ASCII punctuation escaped with a backslash (Typst reads "\c" as the
       character c), so that no character starts markup (# * _ ` $ = - + / < > @ [ ] ~ \ …) or
       continues a call before it. Straight quotes stay as they are: Typst makes them
       typographic by language (“…”, ’), except the apostrophe of an elided year ('48), which
       Typst would open as a quote. White space is collapsed, as in a TEI text. -->
  <xsl:function name="typst:text" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="replace($text, '\s+', ' ')
                          => replace('([!#-&amp;(-/:-@\[-`{-~])', '\\$1')
                          => replace('(^|\s)''(\d)', '$1’$2')"/>
  </xsl:function>

  <!-- A string literal: "…" with backslash and quote escaped. -->
  <xsl:function name="typst:string" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="'&quot;' || replace(replace(replace($text, '\s+', ' '), '\\', '\\\\'), '&quot;', '\\&quot;') || '&quot;'"/>
  </xsl:function>

  <!-- An array of strings: ("a", "b",) — the trailing comma keeps one item an array. -->
  <xsl:function name="typst:strings" as="xs:string">
    <xsl:param name="items" as="xs:string*"/>
    <xsl:sequence select="'(' || string-join($items ! (typst:string(.) || ','), ' ') || ')'"/>
  </xsl:function>

  <!-- A label from an XML id: Typst labels take letters, digits and - _ . : only. -->
  <xsl:function name="typst:label-name" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="replace($id, '[^\p{L}\p{Nd}_.:\-]', '_')"/>
  </xsl:function>

  <xsl:function name="typst:label" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="'&lt;' || typst:label-name($id) || '&gt;'"/>
  </xsl:function>

</xsl:stylesheet>
