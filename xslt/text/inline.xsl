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
  <xsl:mode name="txt:inline" on-no-match="text-only-copy"/>

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
  <xsl:template match="choice" mode="txt:inline">
    <xsl:variable name="chosen" select="ed:chosen(., $reading)"/>
    <xsl:apply-templates select="(if (exists($chosen)) then $chosen else *[1])/node()" mode="txt:inline"/>
  </xsl:template>

  <!-- Deletions are read in the diplomatic text only, ⟦so⟧; additions in both, \so/ when diplomatic. -->
  <xsl:template match="del" mode="txt:inline">
    <xsl:sequence select="if ($reading = 'diplomatic') then txt:marked(., '⟦', '⟧') else $txt:omitted"/>
  </xsl:template>

  <xsl:template match="add" mode="txt:inline">
    <xsl:sequence select="if ($reading = 'diplomatic') then txt:marked(., '\', '/') else txt:inline(node())"/>
  </xsl:template>

  <!-- Behaviour "note": its number here, the note among the endnotes. -->
  <xsl:template match="note[ancestor::text]" mode="txt:inline">[{ed:note-number(.)}]</xsl:template>

  <!-- Behaviour "emphasis". -->
  <xsl:template match="hi" mode="txt:inline">
    <xsl:sequence select="if (ed:is-emphasised(.) or empty(@rend | @rendition | @style)) then txt:marked(., '*', '*')
                          else txt:inline(node())"/>
  </xsl:template>

  <xsl:template match="emph" mode="txt:inline">
    <xsl:sequence select="txt:marked(., '*', '*')"/>
  </xsl:template>

  <xsl:template match="q | quote | said | soCalled | title[@level = ('a', 'u')]" mode="txt:inline">
    <xsl:sequence select="txt:marked(., '“', '”')"/>
  </xsl:template>

  <!-- Behaviour "editorial". -->
  <xsl:template match="gap" mode="txt:inline">[…]</xsl:template>
  <xsl:template match="unclear" mode="txt:inline">
    <xsl:sequence select="txt:marked(., '', '[?]')"/>
  </xsl:template>
  <xsl:template match="supplied" mode="txt:inline">
    <xsl:sequence select="txt:marked(., '[', ']')"/>
  </xsl:template>
  <xsl:template match="surplus" mode="txt:inline">
    <xsl:sequence select="txt:marked(., '{', '}')"/>
  </xsl:template>
  <xsl:template match="sic[not(parent::choice)]" mode="txt:inline">
    <xsl:sequence select="txt:marked(., '', ' [sic]')"/>
  </xsl:template>

  <!-- Behaviour "break": a line of the source is a line here; a word broken across two is joined. -->
  <xsl:template match="lb" mode="txt:inline">
    <xsl:sequence select="if (@break = 'no') then $txt:join else $txt:line-break"/>
  </xsl:template>
  <xsl:template match="titlePart" mode="txt:inline">
    <xsl:sequence select="txt:inline(node()) || (if (following-sibling::titlePart) then $txt:line-break else '')"/>
  </xsl:template>
  <xsl:template match="addrLine" mode="txt:inline">
    <xsl:sequence select="txt:inline(node()) || (if (following-sibling::addrLine) then $txt:line-break else '')"/>
  </xsl:template>
  <xsl:template match="space" mode="txt:inline">
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Behaviour "code". -->
  <xsl:template match="gi | tag" mode="txt:inline">&lt;{.}&gt;</xsl:template>
  <xsl:template match="att" mode="txt:inline">@{.}</xsl:template>
  <xsl:template match="val" mode="txt:inline">“{.}”</xsl:template>

  <!-- Behaviour "link": its words, then the address when it leads out of the text. -->
  <xsl:template match="ref | ptr" mode="txt:inline">
    <xsl:variable name="words" select="txt:inline(node())"/>
    <xsl:variable name="address" select="tokenize(@target)[matches(., '^(https?|mailto):')][1]"/>
    <xsl:sequence select="if (normalize-space($words) and $address and normalize-space($words) != $address)
                            then $words || ' &lt;' || $address || '&gt;'
                          else if (normalize-space($words)) then $words
                          else ($address, ed:targets(@target)[1] ! ed:anchor-label(ed:anchor(.)), '')[1]"/>
  </xsl:template>

  <!-- A figure or graphic inside running text: in brackets. -->
  <xsl:template match="figure" mode="txt:inline">
    <xsl:sequence select="txt:figure(.)"/>
  </xsl:template>
  <xsl:template match="graphic" mode="txt:inline">
    <xsl:text>[Image]</xsl:text>
  </xsl:template>

  <!-- Behaviour "omit": apparatus that is not text. -->
  <xsl:template match="pb | cb | milestone | fw | anchor | index | interp | interpGrp | link | linkGrp | join
                       | certainty | respons | figDesc" mode="txt:inline"/>

  <!-- Behaviours "inline", "name" and "date": their words. -->
  <xsl:template match="persName | placeName | orgName | name | rs | geogName | country | settlement | region
                       | bloc | district | objectName | eventName | forename | surname | addName | roleName
                       | nameLink | genName | date | time | origDate | num | measure | measureGrp | unit | seg | s
                       | w | c | pc | phr | cl | m | foreign | mentioned | distinct | term | title | code | ident
                       | label | bibl | formula | abbr | expan | ex | am | sic | corr | orig | reg | restore
                       | damaged | subst | affiliation | desc | author | editor | publisher | pubPlace
                       | biblScope | idno | edition | docTitle | docAuthor | docDate | docImprint
                       | byline | dateline | salute | signed | address | cit | stage | speaker | head | p | ab
                       | l | item | cell | row" mode="txt:inline">
    <xsl:apply-templates mode="txt:inline"/>
  </xsl:template>

  <!-- Fallback: the words of an element no rule knows, reported once per element name. -->
  <xsl:template match="*" mode="txt:inline" priority="-1">
    <xsl:message>text: {ed:document-id(.)}: no rule for the element {name()}; its content is shown as inline text</xsl:message>
    <xsl:apply-templates mode="txt:inline"/>
  </xsl:template>

</xsl:stylesheet>
