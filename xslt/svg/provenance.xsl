<?xml version="1.0" encoding="UTF-8"?>
<!--
  The provenance drawn: an SVG diagram of the witness chain, made from the TEI header alone
  (sourceDesc's witnesses and the relatedItem links between them), for the web edition and the
  book alike. One witness per row in the order they came into being (ed:provenance-chain), this
  edition last; an arrow for each relatedItem, from what a witness derives from to the witness,
  labelled with the relation; a translation says from which language into which, and a translation
  back into a language the text was already printed in is called a back-translation. Dashed: an
  inferred link (@cert below "high"). Each box says the witness's language, date, and whether its
  notes say it was seen.

  ed:provenance-svg($tei) returns the <svg> (or nothing when there is no chain); xslt/provenance.xsl
  writes it as a file of its own. The SVG carries its own <title> and <desc> (the chain in words);
  the page around it keeps the full list as its longer text alternative.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:svg="http://www.w3.org/2000/svg"
    xmlns="http://www.w3.org/2000/svg"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Geometry, in SVG units: the diagram scales to its container's width. -->
  <xsl:variable name="ed:svg-width" as="xs:integer" select="560"/>
  <xsl:variable name="ed:svg-row" as="xs:integer" select="92"/>
  <xsl:variable name="ed:svg-box-height" as="xs:integer" select="62"/>
  <xsl:variable name="ed:svg-box-x" as="xs:integer" select="96"/>
  <xsl:variable name="ed:svg-box-width" as="xs:integer" select="444"/>

  <!-- Colours follow the text (currentColor), so that the drawing reads in dark mode and in print. -->
  <xsl:variable name="ed:svg-style" as="xs:string" select="string-join((
      '.provenance text { fill: currentColor; font-size: 17px; }',
      '.provenance .pv-name { font-size: 22px; }',
      '.provenance .pv-detail, .provenance .pv-label, .provenance .pv-date { font-size: 16.5px; }',
      '.provenance .pv-label { font-style: italic; }',
      '.provenance .pv-lang { font-size: 15px; letter-spacing: 1px; }',
      '.provenance .pv-frame { fill: none; stroke: currentColor; stroke-opacity: 0.55; stroke-width: 1.2; }',
      '.provenance .pv-not-seen .pv-frame { stroke-dasharray: 5 4; }',
      '.provenance .pv-edition .pv-frame { stroke-width: 2.4; stroke-opacity: 0.9; }',
      '.provenance .pv-link path { fill: none; stroke: currentColor; stroke-opacity: 0.7; stroke-width: 1.4; }',
      '.provenance .pv-translation path { stroke-width: 2.6; stroke-opacity: 0.95; }',
      '.provenance .pv-inferred path { stroke-dasharray: 6 5; }',
      '.provenance .pv-arrowhead { fill: currentColor; }'), ' ')"/>

  <!-- What a relation is called on its arrow, by relatedItem/@type. -->
  <xsl:variable name="ed:relation-verbs" as="map(xs:string, xs:string)" select="map {
      'printingOf': 'printed', 'translationOf': 'translated', 'transcriptionOf': 'transcribed',
      'revisionOf': 'revised', 'reprintOf': 'reprinted', 'editionOf': 'edited', 'copyOf': 'copied',
      'publicationOf': 'published', 'reproductionOf': 'reproduced', 'versionOf': 'another version' }"/>

  <!-- A witness's main language, as a tag ("EN"), or "?" when the encoding does not establish it. -->
  <xsl:function name="ed:witness-language" as="xs:string">
    <xsl:param name="bibl" as="element()"/>
    <xsl:sequence select="($bibl/textLang/@mainLang[normalize-space()] ! upper-case(.), '?')[1]"/>
  </xsl:function>

  <!-- Whether the editors saw a witness: "seen" for the copy-text; "not seen" or "seen in part"
       when its notes say so ("has not been seen", "seen only in …"); else nothing, never a guess. -->
  <xsl:function name="ed:witness-seen" as="xs:string?">
    <xsl:param name="bibl" as="element()"/>
    <xsl:variable name="notes" select="normalize-space(string-join($bibl/note ! string(.), ' '))"/>
    <xsl:sequence select="
        if ($bibl[@type = 'copy-text' or note/@type = 'copy-text']) then 'seen'
        else if (matches($notes, '(has|have) not been seen', 'i')) then 'not seen'
        else if (matches($notes, 'seen only|seen in part', 'i')) then 'seen in part'
        else ()"/>
  </xsl:function>

  <!-- "translated FR → EN", "transcribed", "(back-translation)" when the translation goes back into
       a language the source itself derives from ("EN → FR → EN"), "(probable)" for a link below high. -->
  <xsl:function name="ed:relation-label" as="xs:string">
    <xsl:param name="link" as="element(relatedItem)"/>
    <xsl:variable name="to" select="$link/parent::*"/>
    <xsl:variable name="from" select="ed:targets($link/@target)[1]"/>
    <xsl:variable name="verb" select="($ed:relation-verbs(string($link/@type)), replace(string($link/@type), 'Of$', ''), 'derived')[normalize-space()][1]"/>
    <xsl:variable name="languages" select="($from, $to) ! ed:witness-language(.)"/>
    <xsl:variable name="back" select="$link/@type = 'translationOf' and $languages[2] != '?'
                                      and ed:witness-ancestors($from, 0) ! ed:witness-language(.) = $languages[2]"/>
    <xsl:sequence select="string-join(($verb,
        if ($link/@type = 'translationOf') then $languages[1] || ' → ' || $languages[2] else (),
        if ($back) then '(back-translation)' else (),
        ed:cert-label($link/@cert[. != 'high']) ! ('(' || . || ')')), ' ')"/>
  </xsl:function>

  <!-- The witnesses a witness derives from, directly or not (relatedItem, followed upwards). -->
  <xsl:function name="ed:witness-ancestors" as="element()*">
    <xsl:param name="bibl" as="element()"/>
    <xsl:param name="depth" as="xs:integer"/>
    <xsl:variable name="parents" select="$bibl/relatedItem ! ed:targets(@target)[1]"/>
    <xsl:sequence select="if ($depth gt 20) then () else ($parents, $parents ! ed:witness-ancestors(., $depth + 1))/."/>
  </xsl:function>

  <xsl:function name="ed:provenance-svg" as="element(svg:svg)?">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="chain" select="ed:provenance-chain($tei)"/>
    <xsl:variable name="id" select="ed:document-id($tei) || '-provenance'"/>
    <xsl:variable name="rows" select="count($chain) + 1"/>
    <xsl:variable name="height" select="$rows * $ed:svg-row"/>
    <xsl:if test="exists($chain)">
      <svg viewBox="0 0 {$ed:svg-width} {$height}" width="{$ed:svg-width}" height="{$height}" class="provenance"
           role="img" aria-labelledby="{$id}-title {$id}-desc" font-family="EB Garamond, Georgia, serif">
        <title id="{$id}-title">Provenance of the text: {count($chain)} witnesses and this edition</title>
        <desc id="{$id}-desc">
          <xsl:value-of select="replace(string-join(($chain ! ed:witness-summary(., $chain), ed:term('this-edition') || ', from ' || ed:witness-label(ed:copy-text($tei))), '; then '), &quot;'&quot;, '’')"/>
          <xsl:text>.</xsl:text>
        </desc>
        <defs>
          <style>{$ed:svg-style}</style>
          <marker id="{$id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" class="pv-arrowhead"/>
          </marker>
        </defs>
        <!-- the arrows first, so that the boxes sit on them: each arrow that skips rows takes a lane
             of its own in the left margin; the labels of the arrows into a box share one line above it -->
        <xsl:variable name="ids" select="$chain ! generate-id(.)"/>
        <xsl:variable name="edges" as="map(*)*">
          <xsl:for-each select="$chain">
            <xsl:variable name="to" select="position()"/>
            <xsl:for-each select="relatedItem[@target]">
              <xsl:variable name="from" select="index-of($ids, generate-id(ed:targets(@target)[1]))[1]"/>
              <xsl:if test="exists($from)">
                <xsl:sequence select="map { 'from': $from, 'to': $to, 'label': ed:relation-label(.), 'kind': string(@type),
                    'inferred': @cert = ('medium', 'low', 'unknown') or ../@cert = ('medium', 'low', 'unknown') }"/>
              </xsl:if>
            </xsl:for-each>
          </xsl:for-each>
          <xsl:for-each select="index-of($ids, generate-id(ed:copy-text($tei)))[1]">
            <xsl:sequence select="map { 'from': ., 'to': $rows, 'label': 'edited (the copy-text)', 'kind': 'editionOf', 'inferred': false() }"/>
          </xsl:for-each>
        </xsl:variable>
        <xsl:for-each select="$edges">
          <xsl:variable name="n" select="position()"/>
          <xsl:call-template name="ed:svg-arrow">
            <xsl:with-param name="from" select="?from"/>
            <xsl:with-param name="to" select="?to"/>
            <xsl:with-param name="lane" select="if (?to eq ?from + 1) then 0 else count($edges[position() le $n][?to ne ?from + 1])"/>
            <xsl:with-param name="kind" select="?kind"/>
            <xsl:with-param name="inferred" select="?inferred"/>
            <xsl:with-param name="marker" select="$id || '-arrow'"/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:for-each-group select="$edges" group-by="?to">
          <text x="{$ed:svg-box-x + 42}" y="{(current-grouping-key() - 1) * $ed:svg-row + 8 - 9}" class="pv-label">{string-join(current-group() ! ?label, ' · ')}</text>
        </xsl:for-each-group>
        <xsl:for-each select="$chain">
          <xsl:call-template name="ed:svg-box">
            <xsl:with-param name="row" select="position()"/>
            <xsl:with-param name="date" select="string(date[1]/(@when, @notBefore, @from)[1] ! substring(., 1, 4))"/>
            <xsl:with-param name="name" select="ed:shorten(ed:text(ed:witness-name(.)), if (date) then 36 else 42)"/>
            <xsl:with-param name="detail" select="string-join((ed:language-name(.), ed:witness-seen(.),
                                                  ed:cert-label(@cert[. != 'high']) ! ('identification ' || .)), ' · ')"/>
            <xsl:with-param name="language" select="ed:witness-language(.)"/>
            <xsl:with-param name="class" select="string-join(('pv-box', ed:witness-seen(.) ! ('pv-' || replace(., ' ', '-'))), ' ')"/>
            <xsl:with-param name="href" select="'#' || @xml:id"/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:call-template name="ed:svg-box">
          <xsl:with-param name="row" select="$rows"/>
          <xsl:with-param name="date" select="string(($tei/teiHeader/fileDesc/(editionStmt//date, publicationStmt/date))[1]/@when ! substring(., 1, 4))"/>
          <xsl:with-param name="name" select="ed:term('this-edition')"/>
          <xsl:with-param name="detail" select="string-join((ed:language-name(ed:copy-text($tei)), 'corrected and diplomatic readings'), ' · ')"/>
          <xsl:with-param name="language" select="ed:witness-language(ed:copy-text($tei))"/>
          <xsl:with-param name="class" select="'pv-box pv-edition'"/>
          <xsl:with-param name="href" select="'#this-edition'"/>
        </xsl:call-template>
      </svg>
    </xsl:if>
  </xsl:function>

  <!-- SVG text does not wrap: a name longer than a box holds is cut at a word, with an ellipsis. -->
  <xsl:function name="ed:shorten" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="length" as="xs:integer"/>
    <xsl:sequence select="if (string-length($text) le $length) then $text
        else replace(substring($text, 1, $length), '[\s,;:]+\S*$', '') || '…'"/>
  </xsl:function>

  <xsl:function name="ed:language-name" as="xs:string?">
    <xsl:param name="bibl" as="element()?"/>
    <xsl:sequence select="$bibl/textLang[1][@mainLang] ! ed:text(.)"/>
  </xsl:function>

  <xsl:function name="ed:witness-summary" as="xs:string">
    <xsl:param name="bibl" as="element()"/>
    <xsl:param name="chain" as="element()*"/>
    <xsl:sequence select="string-join((ed:witness-label($bibl),
        $bibl/relatedItem[@target][exists(ed:targets(@target))] ! (ed:relation-label(.) || ' from ' || ed:witness-label(ed:targets(@target)[1])),
        ed:language-name($bibl), ed:witness-seen($bibl)), ', ')"/>
  </xsl:function>

  <xsl:template name="ed:svg-box">
    <xsl:param name="row" as="xs:integer" required="yes"/>
    <xsl:param name="date" as="xs:string" required="yes"/>
    <xsl:param name="name" as="xs:string" required="yes"/>
    <xsl:param name="detail" as="xs:string" required="yes"/>
    <xsl:param name="language" as="xs:string" required="yes"/>
    <xsl:param name="class" as="xs:string" required="yes"/>
    <xsl:param name="href" as="xs:string" required="yes"/>
    <xsl:variable name="y" select="($row - 1) * $ed:svg-row + 8"/>
    <g class="{$class}" transform="translate({$ed:svg-box-x} {$y})">
      <rect width="{$ed:svg-box-width}" height="{$ed:svg-box-height}" rx="4" class="pv-frame"/>
      <text x="14" y="26" class="pv-name">{replace($name, "'", '’')}</text>
      <text x="14" y="50" class="pv-detail">{$detail}</text>
      <text x="{$ed:svg-box-width - 12}" y="25" text-anchor="end" class="pv-date">{$date}</text>
      <text x="{$ed:svg-box-width - 12}" y="48" text-anchor="end" class="pv-lang pv-lang-{lower-case(replace($language, '\W', 'unknown'))}">{$language}</text>
    </g>
  </xsl:template>

  <!-- An arrow from the box in row $from to the box in row $to: straight down between neighbours,
       else round by the left margin in its lane (1, 2, …: further out for each). -->
  <xsl:template name="ed:svg-arrow">
    <xsl:param name="from" as="xs:integer" required="yes"/>
    <xsl:param name="to" as="xs:integer" required="yes"/>
    <xsl:param name="lane" as="xs:integer" required="yes"/>
    <xsl:param name="kind" as="xs:string" required="yes"/>
    <xsl:param name="inferred" as="xs:boolean" required="yes"/>
    <xsl:param name="marker" as="xs:string" required="yes"/>
    <xsl:variable name="top" select="($from - 1) * $ed:svg-row + 8 + $ed:svg-box-height"/>
    <xsl:variable name="bottom" select="($to - 1) * $ed:svg-row + 8"/>
    <g class="{string-join(('pv-link', 'pv-' || replace($kind, 'Of$', ''), 'pv-inferred'[$inferred]), ' ')}">
      <xsl:choose>
        <xsl:when test="$lane = 0">
          <xsl:variable name="x" select="$ed:svg-box-x + 30"/>
          <path d="M{$x},{$top} L{$x},{$bottom - 2}" marker-end="url(#{$marker})"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="x" select="$ed:svg-box-x - 12 - 11 * (($lane - 1) mod 7)"/>
          <xsl:variable name="start" select="$top - $ed:svg-box-height div 2 - 6 + 4 * (($lane - 1) mod 3)"/>
          <xsl:variable name="end" select="$bottom + $ed:svg-box-height div 2 + 6 - 4 * (($lane - 1) mod 3)"/>
          <path d="M{$ed:svg-box-x},{$start} L{$x + 6},{$start} Q{$x},{$start} {$x},{$start + 6} L{$x},{$end - 6} Q{$x},{$end} {$x + 6},{$end} L{$ed:svg-box-x - 2},{$end}"
                marker-end="url(#{$marker})"/>
        </xsl:otherwise>
      </xsl:choose>
    </g>
  </xsl:template>

</xsl:stylesheet>
