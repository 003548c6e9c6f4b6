<?xml version="1.0" encoding="UTF-8"?>
<!--
  Blocks of the plain text: each rule returns one string per block, wrapped and indented by the
  tunnel parameter txt:indent; TEI blocks are separated by blank lines.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:txt="urn:editio:text"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Blocks: every element has a rule below or the fallback; running text is read in txt:inline. -->
  <xsl:mode on-no-match="deep-skip"/>

  <!-- Behaviour "document". -->
  <xsl:template _match="{$ed:match?document}">
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:call-template name="txt:title-block"/>
      <xsl:apply-templates select="text"/>
      <xsl:call-template name="txt:endnotes"/>
    </xsl:variable>
    <xsl:value-of select="string-join($blocks[normalize-space()], $txt:newline || $txt:newline) || $txt:newline"/>
  </xsl:template>

  <!-- Mixed content as blocks: runs of text become paragraphs, blocks keep their own rules. -->
  <xsl:template name="txt:flow" as="xs:string*">
    <xsl:param name="nodes" as="node()*" required="yes"/>
    <xsl:param name="txt:indent" as="xs:string" tunnel="yes" select="''"/>
    <xsl:for-each-group select="$nodes" group-adjacent="exists(self::*[ed:is-block(.)])">
      <xsl:choose>
        <xsl:when test="current-grouping-key()">
          <xsl:apply-templates select="current-group()"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="text" select="txt:inline(current-group())"/>
          <xsl:if test="normalize-space(translate($text, $txt:line-break || $txt:join || $txt:omitted, ''))">
            <xsl:sequence select="txt:wrap($text, $txt:indent, $txt:indent)"/>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <!-- Behaviours "container" and "section": their blocks. -->
  <xsl:template _match="{$ed:match?container} | {$ed:match?section}">
    <xsl:call-template name="txt:flow">
      <xsl:with-param name="nodes" select="node()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The title block gives the title; a title page is the text's only when the header has none. -->
  <!-- Behaviour "front". -->
  <xsl:template _match="{$ed:match?front}">
    <xsl:variable name="titled" select="exists(ancestor::TEI[1]/teiHeader/fileDesc/titleStmt/title[normalize-space()])"/>
    <xsl:call-template name="txt:flow">
      <xsl:with-param name="nodes" select="node() except titlePage[$titled]"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Behaviour "heading". -->
  <xsl:template _match="{$ed:match?heading}">
    <xsl:param name="txt:indent" as="xs:string" tunnel="yes" select="''"/>
    <xsl:sequence select="txt:heading(txt:inline(node()), ed:heading-level(.), $txt:indent)"/>
  </xsl:template>

  <!-- Behaviours "paragraph", "block", "caption", and every other element that stands as a block
       of running text: an item or a line outside its list or stanza, inline elements alone in a
       container. -->
  <xsl:template _match="{string-join(('paragraph', 'block', 'caption', 'verse-line', 'item', 'label', 'row', 'cell',
                                       'inline', 'line', 'responsibility', 'title', 'term', 'highlight', 'emphasis',
                                       'code', 'link', 'name', 'date', 'choice', 'reading', 'addition', 'deletion',
                                       'unclear', 'supplied', 'space') ! $ed:match(.), ' | ')}">
    <xsl:call-template name="txt:paragraph"/>
  </xsl:template>

  <!-- A paragraph wrapped, or the blocks it holds. -->
  <xsl:template name="txt:paragraph" as="xs:string*">
    <xsl:param name="txt:indent" as="xs:string" tunnel="yes" select="''"/>
    <xsl:choose>
      <xsl:when test="ed:holds-blocks(.)">
        <xsl:call-template name="txt:flow">
          <xsl:with-param name="nodes" select="node()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="txt:wrap(txt:inline(node()), $txt:indent, $txt:indent)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Behaviour "verse": one line per l, stanzas apart; a long line continues indented. -->
  <xsl:template _match="{$ed:match?verse-group}">
    <xsl:param name="txt:indent" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:for-each-group select="*" group-adjacent="exists(self::l)">
        <xsl:choose>
          <xsl:when test="current-grouping-key()">
            <xsl:sequence select="string-join(current-group() ! txt:wrap(txt:inline(node()), $txt:indent, $txt:indent || '    '), $txt:newline)"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:apply-templates select="current-group()"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:sequence select="string-join($parts[normalize-space()], $txt:newline || $txt:newline)"/>
  </xsl:template>

  <!-- Behaviour "list": "- item", "1. item" or "label: item"; a nested list is indented. -->
  <xsl:template _match="{$ed:match?list}">
    <xsl:param name="txt:indent" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="ordered" select="ed:is-ordered(.)"/>
    <xsl:variable name="entries" as="xs:string*">
      <xsl:for-each select="* except (head, label)">
        <xsl:variable name="label" select="preceding-sibling::*[1][self::label]"/>
        <xsl:variable name="marker" select="
            if ($label) then txt:inline($label/node()) => normalize-space() || ': '
            else if ($ordered) then position() || '. ' else '- '"/>
        <xsl:sequence select="txt:hanging(., $marker, $txt:indent)"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="string-join((head ! txt:wrap(txt:inline(node()), $txt:indent, $txt:indent), $entries),
                                      $txt:newline)"/>
  </xsl:template>

  <!-- An element's blocks under a marker ("- ", "[3] "): the first line carries the marker, the
       others are indented as far. -->
  <xsl:function name="txt:hanging" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:param name="marker" as="xs:string"/>
    <xsl:param name="indent" as="xs:string"/>
    <xsl:variable name="inner" select="$indent || txt:repeat(' ', string-length($marker))"/>
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:call-template name="txt:flow">
        <xsl:with-param name="nodes" select="$element/node()"/>
        <xsl:with-param name="txt:indent" select="$inner" tunnel="yes"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="body" select="string-join($blocks, $txt:newline || $txt:newline) => ed:or($inner)"/>
    <xsl:sequence select="$indent || $marker || substring($body, string-length($inner) + 1)"/>
  </xsl:function>

  <!-- Behaviour "table": a row to a line, cells apart by " | ". -->
  <xsl:template _match="{$ed:match?table}">
    <xsl:param name="txt:indent" as="xs:string" tunnel="yes" select="''"/>
    <xsl:sequence select="string-join((
        head ! txt:wrap('Table: ' || txt:inline(node()), $txt:indent, $txt:indent),
        row ! txt:wrap(string-join(cell ! normalize-space(txt:inline(node())), ' | '), $txt:indent, $txt:indent || '    ')),
      $txt:newline)"/>
  </xsl:template>

  <!-- Behaviour "figure": its caption and description in brackets. -->
  <xsl:template _match="{$ed:match?figure}">
    <xsl:param name="txt:indent" as="xs:string" tunnel="yes" select="''"/>
    <xsl:sequence select="txt:wrap(txt:figure(.), $txt:indent, $txt:indent)"/>
    <xsl:call-template name="txt:flow">
      <xsl:with-param name="nodes" select="* except (head, figDesc, graphic)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:function name="txt:figure" as="xs:string">
    <xsl:param name="figure" as="element()"/>
    <xsl:sequence select="'[Figure' || string-join((
        $figure/head ! txt:inline(node()), $figure/figDesc ! txt:inline(node()))[normalize-space()] ! normalize-space(.), '. ')
        ! (': ' || .) || ']'"/>
  </xsl:function>

  <!-- Behaviour "quotation" as a block: indented by four. -->
  <xsl:template _match="{$ed:match?quotation}">
    <xsl:param name="txt:indent" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="inner" select="$txt:indent || '    '"/>
    <xsl:choose>
      <xsl:when test="ed:holds-blocks(.)">
        <xsl:call-template name="txt:flow">
          <xsl:with-param name="nodes" select="node()"/>
          <xsl:with-param name="txt:indent" select="$inner" tunnel="yes"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="txt:wrap(txt:inline(node()), $inner, $inner)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Markers standing between blocks: a note keeps its number; breaks leave no trace. -->
  <xsl:template _match="{$ed:match?note}">
    <xsl:param name="txt:indent" as="xs:string" tunnel="yes" select="''"/>
    <xsl:sequence select="$txt:indent || '[' || ed:note-number(.) || ']'"/>
  </xsl:template>

  <!-- Behaviour "omit", and what leaves no trace between blocks. -->
  <xsl:template _match="{string-join(('omit', 'page-break', 'line-break', 'anchor', 'gap', 'graphic') ! $ed:match(.), ' | ')}"/>

  <!-- Fallback: content as a block (or paragraph), reported once per element name. -->
  <xsl:template match="*" priority="-1">
    <xsl:message>text: {ed:document-id(.)}: no rule for the element {name()}; its content is shown as a block</xsl:message>
    <xsl:call-template name="txt:paragraph"/>
  </xsl:template>

  <!-- The notes of the text, numbered, after it. -->
  <xsl:template name="txt:endnotes" as="xs:string?">
    <xsl:variable name="notes" select="ed:text-notes(.)"/>
    <xsl:if test="exists($notes)">
      <xsl:sequence select="string-join((
          txt:heading('Notes', 1, ''),
          $notes ! txt:hanging(., '[' || ed:note-number(.) || '] ', '')), $txt:newline || $txt:newline)"/>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
