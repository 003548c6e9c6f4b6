<?xml version="1.0" encoding="UTF-8"?>
<!--
  The apparatus in the plain text: the emendations and each collation as lines "¶ 1  an (AL-2012)] and
  (AL-2019), wording", under their headings. Sigla and plain words, no markup.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:txt="urn:editio:text"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="../collation-common.xsl"/>

  <xsl:template match="back[.//listApp]" as="xs:string*">
    <xsl:variable name="choices" select="ancestor::text[last()]//choice[ancestor::body]"/>
    <xsl:if test="exists($choices)">
      <xsl:sequence select="txt:heading('Emendations', 1, '')"/>
      <xsl:for-each select="$choices">
        <xsl:variable name="adopted" select="(corr, reg, expan)[1]"/>
        <xsl:sequence select="txt:wrap(ed:unit-label(ed:unit(.)) || '  ' || ed:reading-in-context((sic, orig, abbr)[1])
            || ' (AL-2012)] ' || ed:reading-in-context($adopted) || ', ' || ed:emendation-evidence($adopted), '', '    ')"/>
      </xsl:for-each>
    </xsl:if>
    <xsl:call-template name="txt:flow">
      <xsl:with-param name="nodes" select="node()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="listApp" as="xs:string*">
    <xsl:for-each select="head">
      <xsl:sequence select="txt:heading(txt:inline(node()), 2, '')"/>
    </xsl:for-each>
    <xsl:for-each select="app">
      <xsl:sequence select="txt:wrap(ed:unit-label(ed:targets(@corresp)[1]) || '  '
          || string-join((lem, rdg) ! (normalize-space(txt:inline(node())) || ' (' || ed:sigla(.) || ')'), '] ')
          || ', ' || ed:variant-kind(.), '', '    ')"/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
