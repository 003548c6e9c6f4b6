<?xml version="1.0" encoding="UTF-8"?>
<!--
  BibTeX (biblatex fields: date, origdate, version) for the digital edition of the document.
  Corporate names are braced so that they are not split into given and family names. Context: a tei:TEI.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="common.xsl"/>
  <xsl:include href="metadata-common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:mode on-no-match="fail"/>

  <xsl:template match="TEI">
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

</xsl:stylesheet>
