<?xml version="1.0" encoding="UTF-8"?>
<!--
  Machine-readable metadata for the <head> of each document page: Dublin Core and Highwire
  citation_* meta tags, FAIR Signposting links, schema.org JSON-LD. Context item: the tei:TEI.
  (Interim: empty until the metadata crosswalks land.)
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:template name="ed:head-metadata"/>

</xsl:stylesheet>
