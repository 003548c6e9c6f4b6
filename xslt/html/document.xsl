<?xml version="1.0" encoding="UTF-8"?>
<!--
  The reading page of a document: its header (title, version, the reading switch), its text,
  its notes, and the cards of the names it mentions.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:web="urn:editio:web"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Parts of a text listed in its contents: the top-level divisions. -->
  <xsl:mode name="web:toc" on-no-match="shallow-skip"/>

  <!-- Behaviour "document". -->
  <xsl:template _match="{$ed:match?document}">
    <xsl:call-template name="web:page">
      <xsl:with-param name="title" select="ed:display-title(.)"/>
      <xsl:with-param name="page" select="'document'"/>
      <xsl:with-param name="path" select="ed:document-id(.) || '.html'"/>
      <xsl:with-param name="tei" select="."/>
      <xsl:with-param name="content" as="node()*">
        <article class="document" aria-labelledby="document-title"
                 data-cite="{string-join(ed:citation-parts(.), ', ')}"
                 data-url="{ed:document-url(.)}">
          <xsl:for-each select="(text/@xml:lang, @xml:lang)[1]">
            <xsl:attribute name="lang" select="."/>
          </xsl:for-each>
          <xsl:call-template name="web:search-marks"/>
          <xsl:call-template name="web:document-header"/>
          <xsl:apply-templates select="text">
            <xsl:with-param name="root" select="''" tunnel="yes"/>
            <xsl:with-param name="web:cards" select="true()" tunnel="yes"/>
            <xsl:with-param name="web:reading-page" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:call-template name="web:notes">
            <xsl:with-param name="root" select="''" tunnel="yes"/>
            <xsl:with-param name="web:cards" select="true()" tunnel="yes"/>
          </xsl:call-template>
        </article>
        <xsl:call-template name="web:cards"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:function name="web:is-page-title" as="xs:boolean">
    <xsl:param name="docTitle" as="element(docTitle)"/>
    <xsl:sequence select="exists($docTitle/parent::titlePage intersect web:title-page($docTitle/ancestor::TEI[1]))
                          and empty($docTitle/preceding-sibling::docTitle)"/>
  </xsl:function>

  <!-- The title (from the title page when there is one), the document's state, its parts, and
       the switch between readings. -->
  <xsl:template name="web:document-header">
    <header class="document-header">
      <xsl:choose>
        <xsl:when test="web:title-page(.)">
          <xsl:apply-templates select="web:title-page(.)">
            <xsl:with-param name="root" select="''" tunnel="yes"/>
            <xsl:with-param name="web:cards" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>
          <h1 id="document-title">{ed:display-title(.)}</h1>
          <xsl:if test="exists(ed:authors(.))">
            <p class="doc-author">{string-join(ed:authors(.), ', ')}</p>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="web:correspondence"/>
      <xsl:call-template name="web:letter-neighbours"/>
      <p class="document-meta" data-pagefind-ignore="">
        <xsl:for-each select="ed:edition-version(.)">
          <span>{ed:label('version')} {.}</span>
        </xsl:for-each>
        <xsl:for-each select="ed:last-change(.)">
          <span>{ed:label('last-change')}: <time datetime="{.}">{ed:format-iso(.)}</time></span>
        </xsl:for-each>
        <span><a href="{web:about-href(., '')}">{ed:label('about')}</a></span>
        <span><a href="#cite-heading">{ed:label('cite')}</a></span>
        <xsl:if test="exists(ed:text-notes(.))">
          <span><a href="#notes-heading">{ed:term('notes')}</a></span>
        </xsl:if>
      </p>
      <xsl:call-template name="web:contents"/>
      <div class="reading-tools" data-pagefind-ignore="">
        <xsl:if test="web:has-readings(.)">
          <xsl:call-template name="web:reading-switch"/>
        </xsl:if>
        <xsl:call-template name="web:show-control"/>
      </div>
    </header>
  </xsl:template>

  <!-- A letter's correspondence at a glance, one line per action (sent, received, …): who, where,
       when (with notBefore/notAfter, from/to and @cert in words). Nothing for a text without one. -->
  <xsl:template name="web:correspondence">
    <xsl:variable name="actions" select="teiHeader/profileDesc/correspDesc/correspAction"/>
    <xsl:if test="exists($actions)">
      <dl class="correspondence">
        <xsl:for-each select="$actions">
          <xsl:variable name="who" select="web:correspondents(.)"/>
          <xsl:variable name="where" select="placeName ! (ed:entity-name(ed:entity(@ref, .)) => ed:or(ed:text(.)))"/>
          <div>
            <dt>{ed:term((@type, 'correspAction')[1])}</dt>
            <dd>{string-join((string-join($who, ', '), string-join($where, ', '), date ! ed:date-description(.))[normalize-space()], ' · ')}</dd>
          </div>
        </xsl:for-each>
      </dl>
    </xsl:if>
  </xsl:template>

  <!-- The docTitle of the title page the page header shows is the page's h1 (web-only refinement). -->
  <xsl:template match="docTitle[web:is-page-title(.)]">
    <h1 id="document-title">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:apply-templates/>
    </h1>
  </xsl:template>

  <!-- A list of the text's parts when it has more than one. -->
  <xsl:template name="web:contents">
    <xsl:variable name="parts" select="text/(front, body, group/text/body, back)/*[matches(local-name(), '^div[1]?$')]"/>
    <xsl:if test="count($parts) gt 1">
      <nav class="document-contents" data-pagefind-ignore="" aria-label="{ed:label('contents')}">
        <ol>
          <xsl:apply-templates select="$parts" mode="web:toc"/>
        </ol>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="web:toc">
    <li><a href="#{ed:id(.)}">{web:part-label(.)}</a></li>
  </xsl:template>

  <!-- A part is named by its heading, else by its type ("Letter"), else by its number. -->
  <xsl:function name="web:part-label" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="($div/head[1] ! ed:text(.),
                           $div/@type ! (upper-case(substring(., 1, 1)) || substring(., 2)),
                           'Part ' || (count($div/preceding-sibling::*[local-name() = local-name($div)]) + 1))
                          [normalize-space()][1]"/>
  </xsl:function>

  <!-- The reading switch works without script: the radio buttons steer the CSS (:has).
       edition.js adds a third way, both readings side by side. -->
  <xsl:template name="web:reading-switch">
    <fieldset class="reading-switch">
      <legend>Reading</legend>
      <xsl:for-each select="'corrected', 'diplomatic'">
        <label class="reading-option">
          <input type="radio" name="reading" id="reading-{.}" value="{.}">
            <xsl:if test=". = 'corrected'">
              <xsl:attribute name="checked" select="'checked'"/>
            </xsl:if>
          </input>
          <xsl:text> {map { 'corrected': 'Corrected', 'diplomatic': 'Copy-text' }(.)}</xsl:text>
        </label>
      </xsl:for-each>
    </fieldset>
  </xsl:template>

  <!-- What the text marks, each with its sign as the key: checkboxes that steer the CSS (:has),
       remembered across pages by edition.js. Names are quiet unless asked for. -->
  <xsl:template name="web:show-control">
    <xsl:variable name="text" select="text"/>
    <!-- the kinds of entry the text names, its names looked up once (not once for each kind) -->
    <xsl:variable name="named-kinds" select="distinct-values($text//*[@ref] ! web:entity(.) ! ed:entity-kind(.))"/>
    <xsl:variable name="marks" as="map(*)*" select="(
        $ed:register-kinds[. = $named-kinds] ! map { 'key': ., 'label': ed:label(.), 'on': false() },
        map { 'key': 'emendations', 'label': 'Emendations', 'on': true() }[exists($text//choice)],
        map { 'key': 'pages', 'label': 'Page breaks', 'on': true() }[exists($text//pb)],
        map { 'key': 'numbers', 'label': 'Paragraph numbers', 'on': true() }[exists($text//p)],
        map { 'key': 'lines', 'label': 'Line numbers', 'on': true() }[exists($text//l)],
        map { 'key': 'variants', 'label': 'Variants', 'on': false() }[$web:variants-under-paragraphs and exists($text//app[@corresp])])"/>
    <details class="show-control">
      <summary>Show in the text</summary>
      <fieldset>
        <legend class="visually-hidden">Show in the text</legend>
        <ul class="show-list">
          <xsl:for-each select="$marks">
            <li>
              <label>
                <input type="checkbox" id="show-{?key}" data-show="{?key}">
                  <xsl:if test="?on"><xsl:attribute name="checked" select="'checked'"/></xsl:if>
                </input>
                <xsl:text> </xsl:text>
                <span class="key key-{?key}" aria-hidden="true">{map { 'emendations': 'a°', 'pages': '‖', 'numbers': '¶', 'lines': '5', 'variants': ']' }(?key)}</span>
                <xsl:text> {?label}</xsl:text>
              </label>
            </li>
          </xsl:for-each>
        </ul>
      </fieldset>
      <p class="reading-hint">Names link to the register: tap, hover or focus one for a short card. An
        emended word carries a small circle: tap or focus it to see the copy-text’s reading.</p>
    </details>
  </xsl:template>

  <!-- The editors' introduction, on the reading page, is one tap away rather than before the letter:
       the text starts on the first screen (the home page shows the introduction open). A refinement
       of the "section" behaviour: next-match makes the section. -->
  <xsl:function name="web:is-introduction" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="$web:screen and exists($element[self::div or self::div1][parent::front][@type = 'introduction'])"/>
  </xsl:function>

  <xsl:template match="*[web:is-introduction(.)]" priority="2">
    <xsl:param name="web:reading-page" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$web:reading-page">
        <details class="introduction">
          <summary><h2>{(head[1] ! ed:text(.), web:part-label(.))[1]}</h2></summary>
          <xsl:next-match/>
        </details>
      </xsl:when>
      <xsl:otherwise>
        <xsl:next-match/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A part of a text of several parts is headed, by its type when it has no head of its own (a
       refinement of the "section" behaviour: next-match makes the section). -->
  <xsl:function name="web:is-unheaded-part" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="$web:screen and exists($element[self::div or self::div1][parent::body][not(head)])
        and count($element/../*[local-name() = local-name($element)]) gt 1"/>
  </xsl:function>

  <xsl:template match="*[web:is-unheaded-part(.)]" priority="2">
    <xsl:variable name="part" as="element()*">
      <xsl:next-match/>
    </xsl:variable>
    <xsl:variable name="label" select="web:part-label(.)"/>
    <xsl:for-each select="$part">
      <xsl:copy>
        <xsl:sequence select="@*"/>
        <h2 class="part-head">{$label}</h2>
        <xsl:sequence select="node()"/>
      </xsl:copy>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
