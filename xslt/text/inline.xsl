<?xml version="1.0" encoding="UTF-8"?>
<!--
  Running text of the plain text (mode txt:inline): the chosen reading, note numbers, and the few
  marks plain text has for what the markup says (*emphasis*, “quotations”, […] for gaps).
  White space is left as it comes and normalised per block; marks keep the spaces around them.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:txt="urn:editio:text"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Text is copied; every element has a rule below or the fallback, which reports it. -->
  <xsl:mode name="txt:inline" on-no-match="text-only-copy" use-accumulators="#all"/>

  <xsl:function name="txt:inline" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$nodes" mode="txt:inline"/>
    </xsl:variable>
    <xsl:sequence select="string-join($parts)"/>
  </xsl:function>

  <!-- "*text*": the marks hug the text, the white space around it stays outside. -->
  <xsl:function name="txt:marked" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:param name="open" as="xs:string"/>
    <xsl:param name="close" as="xs:string"/>
    <xsl:variable name="text" select="txt:inline($element/node())"/>
    <!-- one space stands for any white space: the block is normalised later -->
    <xsl:sequence select="if (normalize-space($text) = '') then $text
        else (if (matches($text, '^\s')) then ' ' else '') || $open || normalize-space($text) || $close
             || (if (matches($text, '\s$')) then ' ' else '')"/>
  </xsl:function>

  <!-- Behaviour "alternate": the reading chosen by element name (common.xsl). -->
  <xsl:template _match="{$ed:match?choice}" mode="txt:inline">
    <xsl:apply-templates select="ed:shown(., $reading)/node()" mode="txt:inline"/>
  </xsl:template>

  <!-- Deletions are read in the diplomatic text only, ⟦so⟧; additions in both, \so/ when diplomatic. -->
  <xsl:template _match="{$ed:match?deletion}" mode="txt:inline">
    <xsl:sequence select="if ($reading = 'diplomatic') then txt:marked(., '⟦', '⟧') else $txt:omitted"/>
  </xsl:template>

  <xsl:template _match="{$ed:match?addition}" mode="txt:inline">
    <xsl:sequence select="if ($reading = 'diplomatic') then txt:marked(., '\', '/') else txt:inline(node())"/>
  </xsl:template>

  <!-- Behaviour "note": its number here, the note among the endnotes. -->
  <xsl:template _match="{$ed:match?note}" mode="txt:inline">[{ed:note-number(.)}]</xsl:template>

  <!-- Behaviours "highlight" and "emphasis". -->
  <xsl:template _match="{$ed:match?highlight}" mode="txt:inline">
    <xsl:sequence select="if (ed:is-emphasised(.) or empty(@rend | @rendition | @style)) then txt:marked(., '*', '*')
                          else txt:inline(node())"/>
  </xsl:template>

  <xsl:template _match="{$ed:match?emphasis}" mode="txt:inline">
    <xsl:sequence select="txt:marked(., '*', '*')"/>
  </xsl:template>

  <!-- Behaviours "quotation" and "title". -->
  <xsl:template _match="{$ed:match?quotation}" mode="txt:inline">
    <xsl:sequence select="txt:marked(., '“', '”')"/>
  </xsl:template>

  <xsl:template _match="{$ed:match?title}" mode="txt:inline">
    <xsl:sequence select="if (ed:is-quoted-title(.)) then txt:marked(., '“', '”') else txt:inline(node())"/>
  </xsl:template>

  <!-- Behaviours "gap", "unclear", "supplied" and "reading" (a sic alone says so): the marks of
       common.xsl. -->
  <xsl:template _match="{$ed:match?gap}" mode="txt:inline">{$ed:editorial-marks?gap[1]}</xsl:template>
  <xsl:template _match="{$ed:match?unclear} | {$ed:match?supplied} | {$ed:match?reading}" mode="txt:inline">
    <xsl:variable name="marks" select="$ed:editorial-marks(local-name())"/>
    <xsl:sequence select="if (exists($marks)) then txt:marked(., $marks[1], $marks[2]) else txt:inline(node())"/>
  </xsl:template>

  <!-- Behaviour "line-break": a line of the source is a line here; a word broken across two is joined. -->
  <xsl:template _match="{$ed:match?line-break}" mode="txt:inline">
    <xsl:sequence select="if (@break = 'no') then $txt:join else $txt:line-break"/>
  </xsl:template>
  <!-- Behaviour "line": the lines of an address, the parts of a title. -->
  <xsl:template _match="{$ed:match?line}" mode="txt:inline">
    <xsl:sequence select="txt:inline(node()) || (if (following-sibling::*[ed:behaviour(.) = 'line']) then $txt:line-break else '')"/>
  </xsl:template>
  <xsl:template _match="{$ed:match?space}" mode="txt:inline">
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Behaviour "code". -->
  <xsl:template _match="{$ed:match?code}" mode="txt:inline">
    <xsl:sequence select="ed:code-text(.)"/>
  </xsl:template>

  <!-- Behaviour "responsibility": "Encoding: The editio project". -->
  <xsl:template _match="{$ed:match?responsibility}" mode="txt:inline">
    <xsl:sequence select="txt:inline(resp) || ': ' || string-join((* except resp) ! txt:inline(.), ', ')"/>
  </xsl:template>

  <!-- Behaviour "link": its words, then the address when it leads out of the text. -->
  <xsl:template _match="{$ed:match?link}" mode="txt:inline">
    <xsl:variable name="words" select="txt:inline(node())"/>
    <xsl:variable name="address" select="tokenize(@target)[matches(., '^(https?|mailto):')][1]"/>
    <xsl:sequence select="if (normalize-space($words) and $address and normalize-space($words) != $address)
                            then $words || ' &lt;' || $address || '&gt;'
                          else if (normalize-space($words)) then $words
                          else ($address, ed:targets(@target)[1] ! ed:anchor-label(ed:anchor(.)), '')[1]"/>
  </xsl:template>

  <!-- A figure or graphic inside running text: in brackets. -->
  <xsl:template _match="{$ed:match?figure}" mode="txt:inline">
    <xsl:sequence select="txt:figure(.)"/>
  </xsl:template>
  <xsl:template _match="{$ed:match?graphic}" mode="txt:inline">
    <xsl:text>[Image]</xsl:text>
  </xsl:template>

  <!-- Behaviour "omit", and page breaks and anchors: nothing to read. -->
  <xsl:template _match="{string-join(('omit', 'page-break', 'anchor') ! $ed:match(.), ' | ')}" mode="txt:inline"/>

  <!-- Every other behaviour in running text: its words. -->
  <xsl:template _match="{string-join(('document', 'front', 'section', 'container', 'block', 'heading', 'caption',
                                       'paragraph', 'verse-group', 'verse-line', 'list', 'item', 'label', 'table',
                                       'row', 'cell', 'term', 'inline', 'name', 'date') ! $ed:match(.), ' | ')}"
                mode="txt:inline">
    <xsl:apply-templates mode="txt:inline"/>
  </xsl:template>

  <!-- Fallback: the words of an element no rule knows, reported once per element name. -->
  <xsl:template match="*" mode="txt:inline" priority="-1">
    <xsl:message>text: {ed:document-id(.)}: no rule for the element {name()}; its content is shown as inline text</xsl:message>
    <xsl:apply-templates mode="txt:inline"/>
  </xsl:template>

</xsl:stylesheet>
