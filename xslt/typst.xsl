<?xml version="1.0" encoding="UTF-8"?>
<!--
  The print edition as Typst markup, which the typst compiler sets with xslt/typst/book.typ
  (src/editio/pdf.py compiles it in-process).

    apply-templates to a tei:TEI     one book: title page, imprint, contents, the text with notes,
                                     apparatus and margin marks, the appendices ("about this text",
                                     register with page references)

  What the book says is print.xsl's: the behaviours of the web edition, with print's overrides
  (notes as footnotes, each emendation's other reading as an apparatus entry, page breaks as
  margin marks, links into the book). Its result is the small intermediate document this
  stylesheet lays out (typst/layout.xsl: how each part of it is set; typst/markup.xsl: escaping).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="print.xsl"/>

  <xsl:include href="typst/markup.xsl"/>
  <xsl:include href="typst/layout.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

</xsl:stylesheet>
