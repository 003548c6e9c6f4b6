<?xml version="1.0" encoding="UTF-8"?>
<!--
  The web edition: one stylesheet per page kind, all of them built from the behaviours of
  xslt/behaviours.xsl. Entry points (site.py decides which pages exist and calls these):

    apply-templates to a tei:TEI          the reading page of a document     (<doc-id>.html)
    call web:about-page  ($document-id,   "about this text"                   (about/<doc-id>.html)
                          $document)
    call web:register-page ($kind)        one register kind, empty if none    (register/<kind>.html)
    call web:home-page                    the edition's home page             (index.html)
    call web:search-page                  the search page, with $has-search   (search.html)
    call web:letters-page, …              a correspondence's letters          (letters/*.html, html/letters.xsl)

  The edition-wide pages (home, letters, "about" index, 404) get the facts edition as their context
  (facts.py): every text's ed:facts, and the texts themselves only for an edition of a few.

  xslt/print.xsl imports this stylesheet and overrides what print needs: the notes (web:notes,
  the note template), page breaks (pb) and the page shell hooks (web:head-links, web:site-header,
  web:site-footer, web:scripts).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:web="urn:editio:web"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:output method="html" html-version="5" encoding="UTF-8" include-content-type="no" indent="no"/>

  <xsl:include href="common.xsl"/>
  <xsl:include href="head-metadata.xsl"/>
  <xsl:include href="html/shell.xsl"/>
  <xsl:include href="html/blocks.xsl"/>
  <xsl:include href="html/inline.xsl"/>
  <xsl:include href="html/apparatus.xsl"/>
  <xsl:include href="html/collation.xsl"/>
  <xsl:include href="html/names.xsl"/>
  <xsl:include href="html/document.xsl"/>
  <xsl:include href="html/about.xsl"/>
  <xsl:include href="html/register.xsl"/>
  <xsl:include href="html/home.xsl"/>
  <xsl:include href="html/search.xsl"/>
  <xsl:include href="html/letters.xsl"/>
  <xsl:include href="svg/provenance.xsl"/>

  <!-- Whether the pages are for the screen; print.xsl, which imports this stylesheet, says no: the
       book keeps its own headings, the sources' apostrophes and the chain as a list (the drawing is
       xslt/provenance.xsl's, for the book to place). -->
  <xsl:variable name="web:screen" as="xs:boolean" select="true()"/>

  <!-- The document an "about" page describes; its TEI, when the index given holds no copy of it. -->
  <xsl:param name="document-id" as="xs:string" select="''"/>
  <xsl:param name="document" as="element(tei:TEI)?" select="()"/>
  <!-- The register kind a register page lists: persons, places, organisations or events. -->
  <xsl:param name="kind" as="xs:string" select="''"/>
  <!-- The metadata records site.py writes for each document, as "format=suffix" tokens. -->
  <xsl:param name="metadata-files" as="xs:string" select="''"/>
  <!-- The suggested citation of the document, rendered by citeproc-py from its CSL-JSON record
       (editio.citation), as an XHTML fragment; empty: the stylesheet's own. -->
  <xsl:param name="citation" as="xs:string" select="''"/>
  <!-- Whether this build puts each document's PDF in the site, at pdf/<id>.pdf. -->
  <xsl:param name="has-pdf" as="xs:boolean" select="false()"/>

</xsl:stylesheet>
