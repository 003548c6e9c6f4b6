<?xml version="1.0" encoding="UTF-8"?>
<!--
  Behaviours "container", "block", "front", "section", "heading", "caption", "paragraph", "verse-group",
  "verse-line", "list", "item", "label", "table", "row", "cell", "figure", "graphic", "quotation", "omit"
  (xslt/behaviours.xsl) and the fallback for elements the table does not know.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:web="urn:editio:web"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The reading text. Every TEI element has a rule below or falls to the fallback rule, which
       reports it; text is copied. -->
  <xsl:mode on-no-match="text-only-copy"/>

  <!-- TEI attributes every rendered element carries over: language, identifier, rendition. -->
  <xsl:mode name="web:attributes" on-no-match="deep-skip"/>

  <xsl:template match="*" mode="web:attributes">
    <!-- false where content is shown a second time (a note shown open), so that ids stay unique -->
    <xsl:param name="web:with-ids" as="xs:boolean" select="true()" tunnel="yes"/>
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang" select="@xml:lang"/>
    </xsl:if>
    <xsl:if test="@xml:id and $web:with-ids">
      <xsl:attribute name="id" select="@xml:id"/>
    </xsl:if>
    <xsl:variable name="css" select="ed:rendition-css(.)"/>
    <xsl:if test="$css">
      <xsl:attribute name="style" select="$css"/>
    </xsl:if>
  </xsl:template>

  <!-- A block's stable id (ed:id), so that the register can link to it; left out where content is
       shown a second time. -->
  <xsl:template name="web:id">
    <xsl:param name="web:with-ids" as="xs:boolean" select="true()" tunnel="yes"/>
    <xsl:if test="$web:with-ids">
      <xsl:attribute name="id" select="ed:id(.)"/>
    </xsl:if>
  </xsl:template>

  <!-- The HTML element for a block-or-inline TEI element: a div when it holds blocks, a paragraph
       when it is a block of text, a span inside running text. -->
  <xsl:function name="web:box" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="if (ed:holds-blocks($element)) then 'div'
                          else if (ed:is-block($element)) then 'p' else 'span'"/>
  </xsl:function>

  <!-- Behaviours "container" and "block": structure of letters, title pages, drama and front matter. -->
  <xsl:template _match="{$ed:match?container} | {$ed:match?block}">
    <xsl:call-template name="web:boxed"/>
  </xsl:template>

  <!-- An element in its box (web:box), with its attributes, its id when it is a block, its class. -->
  <xsl:template name="web:boxed">
    <xsl:variable name="box" select="web:box(.)"/>
    <xsl:element name="{$box}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:if test="$box != 'span'">
        <xsl:call-template name="web:id"/>
      </xsl:if>
      <xsl:attribute name="class" select="'tei-' || local-name()"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- The title page that gives the page its h1 is shown in the document header instead. -->
  <!-- Behaviour "front". -->
  <xsl:template _match="{$ed:match?front}">
    <xsl:if test="* except web:title-page(ancestor::TEI[1])">
      <div class="tei-front">
        <xsl:apply-templates select="." mode="web:attributes"/>
        <xsl:apply-templates select="node() except web:title-page(ancestor::TEI[1])"/>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:function name="web:title-page" as="element(titlePage)?">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="$tei/text/front/titlePage[docTitle][1]"/>
  </xsl:function>

  <!-- Behaviour "section". -->
  <xsl:template _match="{$ed:match?section}">
    <xsl:element name="{if (head) then 'section' else 'div'}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:call-template name="web:id"/>
      <xsl:attribute name="class" select="string-join(('tei-div', tokenize(@type) ! ('div-' || .)), ' ')"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Behaviour "heading": a division's head is a heading one level below its division's. -->
  <xsl:template _match="{$ed:match?heading}">
    <!-- the page's title is the h1 -->
    <xsl:element name="h{min((ed:heading-level(.) + 1, 6))}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:call-template name="web:id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Behaviour "caption": any other head (of a list, a stanza, a bibliography) titles what follows it. -->
  <xsl:template _match="{$ed:match?caption}">
    <xsl:element name="{if (ed:holds-blocks(.)) then 'div' else 'p'}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:call-template name="web:id"/>
      <xsl:attribute name="class" select="'tei-head'"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Behaviour "paragraph": numbered paragraphs carry their number, a permalink to cite them. -->
  <xsl:template _match="{$ed:match?paragraph}">
    <xsl:element name="{if (ed:holds-blocks(.)) then 'div' else 'p'}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:call-template name="web:id"/>
      <xsl:attribute name="class" select="'tei-' || local-name()"/>
      <xsl:for-each select="self::p[ed:is-numbered(.)]">
        <xsl:variable name="number" select="ed:paragraph-number(.)"/>
        <a class="pnum" href="#{ed:id(.)}" aria-label="{ed:term('paragraph')} {$number}">{$number}</a>
        <xsl:text> </xsl:text>
      </xsl:for-each>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Behaviour "verse line", in stanzas ("verse group"); every fifth line is numbered. -->
  <xsl:template _match="{$ed:match?verse-group}">
    <div class="tei-lg">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:call-template name="web:id"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template _match="{$ed:match?verse-line}">
    <div class="tei-l">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:for-each select="ed:line-number(.)">
        <span class="l-num">{.}</span>
      </xsl:for-each>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- Behaviour "list": ordered, bulleted, or a gloss list of labels and items. -->
  <xsl:template _match="{$ed:match?list}">
    <xsl:apply-templates select="head"/>
    <xsl:element name="{web:list-element(.)}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:attribute name="class" select="'tei-list'"/>
      <xsl:apply-templates select="* except head"/>
    </xsl:element>
  </xsl:template>

  <xsl:function name="web:list-element" as="xs:string">
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="if ($list/label) then 'dl'
        else if (ed:is-ordered($list)) then 'ol' else 'ul'"/>
  </xsl:function>

  <xsl:template _match="{$ed:match?item}">
    <xsl:element name="{if (parent::list/label) then 'dd' else 'li'}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:call-template name="web:id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template _match="{$ed:match?label}">
    <dt>
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:apply-templates/>
    </dt>
  </xsl:template>

  <!-- Behaviour "table": a table may be wider than a phone, so its frame scrolls. -->
  <xsl:template _match="{$ed:match?table}">
    <div class="table-frame" role="region" tabindex="0"
         aria-label="{(head ! ed:text(.), 'Table')[normalize-space()][1]}">
      <table class="tei-table">
        <xsl:apply-templates select="." mode="web:attributes"/>
        <xsl:if test="head">
          <caption><xsl:apply-templates select="head/node()"/></caption>
        </xsl:if>
        <tbody>
          <xsl:apply-templates select="* except head"/>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template _match="{$ed:match?row}">
    <tr>
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:apply-templates/>
    </tr>
  </xsl:template>

  <xsl:template _match="{$ed:match?cell}">
    <xsl:element name="{if ((@role, ../@role) = 'label') then 'th' else 'td'}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:if test="@cols castable as xs:integer">
        <xsl:attribute name="colspan" select="@cols"/>
      </xsl:if>
      <xsl:if test="@rows castable as xs:integer">
        <xsl:attribute name="rowspan" select="@rows"/>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Behaviour "figure": images are linked, not loaded, so that a page makes no request the
       reader did not ask for; the description stands in the text. -->
  <xsl:template _match="{$ed:match?figure}">
    <figure class="tei-figure">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:apply-templates select="* except (head, figDesc)"/>
      <xsl:if test="figDesc and not(graphic)">
        <p class="tei-figDesc">
          <xsl:apply-templates select="figDesc/node()"/>
        </p>
      </xsl:if>
      <xsl:if test="head">
        <figcaption>
          <xsl:apply-templates select="head/node()"/>
        </figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <xsl:template _match="{$ed:match?graphic}">
    <xsl:variable name="description" select="(../figDesc ! ed:text(.), @url ! tokenize(., '/')[last()])[normalize-space()][1]"/>
    <a class="tei-graphic" href="{@url}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:text>Image: {$description}</xsl:text>
    </a>
  </xsl:template>

  <!-- Behaviour "quotation": a block quotation when it stands among blocks or holds them, else
       quoted in the running text. -->
  <xsl:template _match="{$ed:match?quotation}">
    <xsl:choose>
      <xsl:when test="ed:is-block(.)">
        <blockquote class="tei-{local-name()}">
          <xsl:apply-templates select="." mode="web:attributes"/>
          <xsl:choose>
            <xsl:when test="ed:holds-blocks(.)">
              <xsl:apply-templates/>
            </xsl:when>
            <xsl:otherwise>
              <p><xsl:apply-templates/></p>
            </xsl:otherwise>
          </xsl:choose>
        </blockquote>
      </xsl:when>
      <xsl:otherwise>
        <q class="tei-{local-name()}">
          <xsl:apply-templates select="." mode="web:attributes"/>
          <xsl:apply-templates/>
        </q>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Behaviour "omit": apparatus that is not text (links, interpretations, forme work). -->
  <xsl:template _match="{$ed:match?omit}"/>

  <!-- Fallback: an element no rule knows is shown as its content, as a block or inline, and
       reported once per element name. -->
  <xsl:template match="*" priority="-1">
    <xsl:variable name="box" select="web:box(.)"/>
    <xsl:message>html: {ed:document-id(.)}: no rule for the element {name()}; its content is shown as {
      if ($box = 'span') then 'inline text' else 'a block'}</xsl:message>
    <xsl:call-template name="web:boxed"/>
  </xsl:template>

</xsl:stylesheet>
