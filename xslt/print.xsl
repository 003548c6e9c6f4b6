<?xml version="1.0" encoding="UTF-8"?>
<!--
  The print edition: the web edition's page with what print needs instead. typst.xsl sets the
  result as Typst markup, which src/editio/pdf.py compiles with xslt/typst/book.typ.

    apply-templates to a tei:TEI     one book: title page, imprint, contents, the text with
                                     footnotes and margin marks, then the appendices ("about
                                     this text" with the provenance and emendations, register)

  Everything else is html.xsl's: blocks, inline, names, dates, the "about" sections and the
  register entries. The overrides, and why print differs:
    print/book.xsl       the page shell and the book's parts (a PDF is one file, not a site)
    print/notes.xsl      notes as footnotes, each emendation's other reading as an apparatus
                         footnote, the source's page breaks as margin marks
    print/links.xsl      every link inside the book points into it
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:web="urn:editio:web"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="html.xsl"/>

  <xsl:include href="print/book.xsl"/>
  <xsl:include href="print/notes.xsl"/>
  <xsl:include href="print/links.xsl"/>

  <xsl:variable name="web:screen" as="xs:boolean" select="false()"/>

  <!-- Which reading of each choice the text gives; the other one goes to the apparatus. -->
  <xsl:param name="reading" as="xs:string" select="'corrected'"/>
  <!-- The book gives the collation in its back matter, not under each paragraph. -->
  <xsl:variable name="web:variants-under-paragraphs" as="xs:boolean" select="false()" xmlns:web="urn:editio:web"/>

</xsl:stylesheet>
