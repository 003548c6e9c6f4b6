<?xml version="1.0" encoding="UTF-8"?>
<!--
  The bibtex record's rules (mode ed:bibtex-record) and its function ed:bibtex-record: a module,
  included by ../bibtex.xsl, the stylesheet of the format, and by ../records.xsl, which makes every
  format's record of a document in one transformation. It uses common.xsl and metadata-common.xsl
  but does not include them (the stylesheet that includes it does, once).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="ed:bibtex-record" on-no-match="fail"/>

  <xsl:template match="TEI" mode="ed:bibtex-record">
    <xsl:variable name="citation" select="ed:citation(.)"/>
    <xsl:variable name="fields" as="array(xs:string?)*" select="
        ['author', string-join(ed:responsible(., 'author') ! ed:bibtex-name(.), ' and ')],
        ['title', ed:bibtex-protect($citation?title)],
        ['editor', string-join(ed:responsible(., 'editor') ! ed:bibtex-name(.), ' and ')],
        ['publisher', $citation?publisher],
        ['year', substring($citation?issued, 1, 4)],
        ['date', $citation?issued],
        ['origdate', $citation?original ! ed:iso-value(.)],
        ['version', $citation?version],
        ['url', $citation?url],
        ['doi', $citation?doi],
        ['language', $citation?language],
        ['keywords', string-join($citation?keywords, ', ')]"/>
    <xsl:text>@{$ed:kinds($citation?kind)?bibtex}{{{replace($citation?id, '[^A-Za-z0-9_:.\-]', '-')},&#10;</xsl:text>
    <xsl:value-of select="$fields[normalize-space(?2)] ! ('  ' || ?1 || ' = {' || ed:bibtex-escape(?2) || '}')"
                  separator=",&#10;"/>
    <xsl:text>&#10;}}&#10;</xsl:text>
  </xsl:template>

  <!-- A person as "Family, Given" (BibTeX's unambiguous form) when the register gives the parts, else as
       written; a body braced whole, so that it is not split into given and family names. -->
  <xsl:function name="ed:bibtex-name" as="xs:string">
    <xsl:param name="party" as="element()"/>
    <xsl:sequence select="if (ed:party-kind($party) = 'org') then '{' || ed:party-name($party) || '}'
                          else ed:inverted-name($party, false())"/>
  </xsl:function>

  <!-- Capitalised words after the first braced, so that styles which lower-case titles keep proper nouns
       ("The {Russian} {Revolution}"): the case a title has in the TEI is the case it must keep. -->
  <xsl:function name="ed:bibtex-protect" as="xs:string">
    <xsl:param name="title" as="xs:string?"/>
    <xsl:variable name="words" select="tokenize($title, ' ')"/>
    <xsl:sequence select="string-join(($words[1], subsequence($words, 2) ! (
        if (matches(., '\p{Lu}')) then replace(., '^(\P{L}*)(\p{L}.*?)([^\p{L}\p{N}]*)$', '$1{$2}$3') else .)), ' ')"/>
  </xsl:function>

  <!-- TeX's special characters escaped; braces are kept, they group. -->
  <xsl:function name="ed:bibtex-escape" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="replace($value, '([&amp;%$#_])', '\\$1')"/>
  </xsl:function>

  <!-- The record (its stylesheet, and records.xsl with every other format's). -->
  <xsl:function name="ed:bibtex-record" as="item()*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:apply-templates select="$tei" mode="ed:bibtex-record"/>
  </xsl:function>

</xsl:stylesheet>
