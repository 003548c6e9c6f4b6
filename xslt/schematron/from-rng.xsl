<?xml version="1.0" encoding="UTF-8"?>
<!--
  The Schematron embedded in a RELAX NG grammar (as TEI's ODDs generate it) gathered into one schema:
  every sch:ns, and every outermost sch:pattern, sch:let, sch:phase and sch:diagnostics; a rule standing
  on its own in the grammar gets a pattern of its own. Elements keep their namespaces (ODD rules use the
  grammar's xmlns:tei). The query binding is the grammar's sch:schema/@queryBinding if any, else xslt2,
  which is what ODD processors write.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:sch="http://purl.oclc.org/dsdl/schematron"
    exclude-result-prefixes="#all">

  <xsl:template match="/">
    <xsl:variable name="outermost" select="//sch:*[not(ancestor::sch:*)]"/>
    <sch:schema queryBinding="{(//sch:schema/@queryBinding, 'xslt2')[1]}">
      <xsl:for-each-group select="//sch:ns" group-by="@prefix">
        <xsl:copy-of select="current-group()[1]"/>
      </xsl:for-each-group>
      <xsl:copy-of select="$outermost/(self::sch:let | self::sch:phase | self::sch:diagnostics | self::sch:pattern),
                           $outermost/self::sch:schema/(sch:let | sch:phase | sch:pattern | sch:diagnostics)"/>
      <xsl:for-each select="$outermost/self::sch:rule">
        <sch:pattern><xsl:copy-of select="."/></sch:pattern>
      </xsl:for-each>
    </sch:schema>
  </xsl:template>
</xsl:stylesheet>
