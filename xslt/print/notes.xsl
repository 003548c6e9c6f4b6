<?xml version="1.0" encoding="UTF-8"?>
<!--
  Behaviours "note", "alternate" and "page break" on paper. A page has no hover and no switch:
  the text gives one reading, and what the web shows on demand stands at the foot of the page
  (notes, numbered as on the web; the other reading of each emendation, keyed by paragraph) or in
  the margin (the source's page breaks). print.css floats the footnotes and places the marks.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:web="urn:editio:web"
    xmlns:print="urn:editio:print"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- HTML made for a block context, turned into phrasing content: a footnote stands inside a
       paragraph, where an HTML parser would close the paragraph at the first <p> or <div>. -->
  <xsl:mode name="print:phrasing" on-no-match="shallow-copy"/>

  <xsl:template match="Q{}p | Q{}div | Q{}blockquote | Q{}ul | Q{}ol | Q{}li | Q{}dl | Q{}dt | Q{}dd
                       | Q{}figure | Q{}figcaption | Q{}section | Q{}table | Q{}tbody | Q{}tr | Q{}td
                       | Q{}th | Q{}caption | Q{}h1 | Q{}h2 | Q{}h3 | Q{}h4 | Q{}h5 | Q{}h6"
                mode="print:phrasing">
    <span class="{string-join(('block', 'block-' || local-name(), @class), ' ')}">
      <xsl:apply-templates select="@* except @class, node()" mode="print:phrasing"/>
    </span>
  </xsl:template>

  <!-- White space collapsed here already: a footnote is one run of text. -->
  <xsl:template match="text()" mode="print:phrasing">
    <xsl:value-of select="replace(., '\s+', ' ')"/>
  </xsl:template>

  <!-- A note of the text: a footnote, numbered as on the web (print.css shows data-n). -->
  <xsl:template _match="{$ed:match?note}">
    <xsl:variable name="content" as="node()*">
      <xsl:apply-templates/>
    </xsl:variable>
    <span class="footnote{@type[. != 'editorial'] ! (' note-' || .)}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:attribute name="id" select="ed:id(.)"/>
      <xsl:attribute name="data-n" select="ed:note-number(.)"/>
      <xsl:apply-templates select="$content" mode="print:phrasing"/>
    </span>
  </xsl:template>

  <!-- Behaviour "choice": the reading the book gives (ed:shown, as in every output), and the other
       one in the apparatus. -->
  <xsl:template _match="{$ed:match?choice}">
    <xsl:variable name="given" select="ed:shown(., $reading)"/>
    <xsl:for-each select="$given">
      <xsl:apply-templates select="node()"/>
    </xsl:for-each>
    <xsl:if test="exists(ed:alternative(., $reading))">
      <xsl:call-template name="print:apparatus-entry">
        <xsl:with-param name="given" select="$given"/>
        <xsl:with-param name="other" select="ed:alternative(., $reading)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- "¶ 1  and] an copy-text; as in The Anarchist Library". The paragraph number keys the entry
       to the text, so the text itself carries no mark. -->
  <xsl:template name="print:apparatus-entry">
    <xsl:param name="given" as="element()+"/>
    <xsl:param name="other" as="element()+"/>
    <xsl:variable name="corrected" select="($given, $other)[local-name() = $ed:readings('corrected')]"/>
    <span class="footnote apparatus" id="app-{ed:id(.)}">
      <span class="app-where">{ed:anchor-label(ed:anchor(.))}</span>
      <xsl:text> </xsl:text>
      <span class="app-lemma">{string-join($given ! ed:text(.), ' ')}</span>
      <xsl:text>] </xsl:text>
      <xsl:for-each select="$other">
        <xsl:if test="position() gt 1">; </xsl:if>
        <span class="app-reading">{ed:text(.) => ed:or('—')}</span>
        <xsl:text> </xsl:text>
        <span class="app-siglum">{ed:term(local-name())}</span>
      </xsl:for-each>
      <xsl:for-each select="$corrected ! web:reading-source(.)">
        <xsl:text>; {.}</xsl:text>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- A page break of a source: a hairline at the break, the page number in the margin. -->
  <xsl:template _match="{$ed:match?page-break}">
    <span class="pb" id="{ed:id(.)}">
      <span class="pb-label">
        <!-- "p. 5/6 uncertain", not "p. [5/6]": in print the word says what the brackets imply. -->
        <xsl:text>{if (@n) then 'p. ' || replace(@n, '^\[(.*)\]$', '$1') else ed:label('page')}</xsl:text>
        <xsl:for-each select="ed:cert-label(@cert)">
          <span class="pb-cert"> {.}</span>
        </xsl:for-each>
      </span>
    </span>
  </xsl:template>

</xsl:stylesheet>
