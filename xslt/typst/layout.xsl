<?xml version="1.0" encoding="UTF-8"?>
<!--
  How each part of the print document is set: the book's parts call the functions of book.typ
  (title page, imprint, contents, notes, apparatus, margin marks, register page lists); blocks
  become paragraphs, inline elements Typst's own (emph, quote, link, text(lang)). Elements with
  no rule here are set as their content.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:typst="urn:editio:typst"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="typst" on-no-match="shallow-skip"/>

  <!-- The day of SOURCE_DATE_EPOCH (YYYY-MM-DD), for a document that carries no date of its own;
       without either, the PDF is not dated at all (never by the time of the build). Only years of
       four digits: XML Schema takes "20224-01-15" (a typo in a Tillich letter), Typst does not. -->
  <xsl:param name="source-date" as="xs:string" select="''"/>

  <!-- Ids that something in the book links to: each becomes a label where it stands. -->
  <xsl:key name="typst:targets" match="Q{}a[starts-with(@href, '#')]" use="substring(@href, 2)"/>
  <xsl:key name="typst:ids" match="Q{}*[@id]" use="@id"/>
  <!-- Each apparatus entry under the block it floats after (the nearest of $typst:hosts). -->
  <xsl:key name="typst:apparatus-by-host" match="Q{}span[tokenize(@class) = 'apparatus']"
           use="generate-id(ancestor::Q{}*[local-name() = $typst:hosts][1])"/>

  <!-- The print document's parts that the web page has but a book does not. -->
  <xsl:variable name="typst:hidden-classes" as="xs:string*"
                select="'skip-link', 'visually-hidden', 'note-open', 'name-mark', 'choice-info', 'backlink',
                        if ($reading = 'corrected') then 'r-diplomatic' else 'r-corrected'"/>

  <xsl:template _match="{$ed:match?document}">
    <xsl:variable name="print" as="document-node()">
      <xsl:document>
        <xsl:apply-imports/>
      </xsl:document>
    </xsl:variable>
    <xsl:variable name="citation" select="ed:citation(.)"/>
    <xsl:variable name="date" select="(ed:last-change(.), ed:edition-date(.), $source-date)[. castable as xs:date][matches(., '^\d{4}-')][1]"/>
    <xsl:text>#import "/book.typ": *&#10;</xsl:text>
    <xsl:text>#show: book.with(lang: {typst:string(typst:language((text/@xml:lang, @xml:lang, 'en')[1]))}, </xsl:text>
    <xsl:text>title: {typst:string(ed:display-title(.))}, author: {typst:strings($citation?authors)}, </xsl:text>
    <xsl:text>keywords: {typst:strings($citation?keywords)}, </xsl:text>
    <xsl:for-each select="$print//Q{}meta[@name = 'description']/@content">
      <xsl:text>description: {typst:string(.)}, </xsl:text>
    </xsl:for-each>
    <xsl:text>date: {if (exists($date)) then typst:date(xs:date($date)) else 'none'}, </xsl:text>
    <xsl:text>running-author: {typst:string(string-join(ed:authors(.), ', '))}, </xsl:text>
    <xsl:text>running-title-text: {typst:string(($print//Q{}article/@data-running-head, ed:display-title(.))[1])})&#10;</xsl:text>
    <xsl:apply-templates select="$print//Q{}body/node()" mode="typst"/>
  </xsl:template>

  <xsl:function name="typst:date" as="xs:string">
    <xsl:param name="date" as="xs:date"/>
    <xsl:sequence select="'datetime(year: ' || year-from-date($date) || ', month: ' || month-from-date($date)
                          || ', day: ' || day-from-date($date) || ')'"/>
  </xsl:function>

  <!-- A language tag Typst accepts (ISO 639, two or three letters), or English. -->
  <xsl:function name="typst:language" as="xs:string">
    <xsl:param name="tag" as="xs:string"/>
    <xsl:variable name="primary" select="lower-case(tokenize($tag, '-')[1])"/>
    <xsl:sequence select="if (matches($primary, '^[a-z]{2,3}$')) then $primary else 'en'"/>
  </xsl:function>

  <!-- Structure -->

  <xsl:template match="Q{}*[tokenize(@class) = $typst:hidden-classes]" mode="typst" priority="10"/>

  <!-- "Person" under each name of the register: in print, the heading of the kind says it. -->
  <xsl:template match="Q{}p[tokenize(@class) = 'entry-kind']" mode="typst" priority="10"/>

  <!-- A label for what the book links to, before the element that has the id. -->
  <xsl:template match="Q{}*[@id][exists(key('typst:targets', @id)) or tokenize(@class) = ('appendix', 'about-section')][not(self::Q{}h1 | self::Q{}h2 | self::Q{}h3
                       | self::Q{}h4 | self::Q{}h5 | self::Q{}h6)]" mode="typst" priority="5">
    <xsl:text>#metadata(none){typst:label(@id)}</xsl:text>
    <xsl:next-match/>
  </xsl:template>

  <!-- A change of language: hyphenation and quotes follow it. -->
  <xsl:template match="Q{}*[@lang][not(self::Q{}article)]" mode="typst" priority="4">
    <xsl:text>#text(lang: {typst:string(typst:language(@lang))})[</xsl:text>
    <xsl:next-match/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="Q{}p | Q{}div | Q{}section | Q{}article | Q{}header | Q{}main | Q{}figure
                       | Q{}figcaption | Q{}caption" mode="typst">
    <xsl:call-template name="typst:block"/>
  </xsl:template>

  <xsl:template match="Q{}blockquote" mode="typst">
    <xsl:call-template name="typst:block">
      <xsl:with-param name="function" select="'block-quote'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A block: its content, as a paragraph of its own or through a function of book.typ, then the
       apparatus entries of its text, which float to the foot of the page (a float inside a
       paragraph would break it). -->
  <xsl:variable name="typst:hosts" as="xs:string*"
                select="'p', 'div', 'section', 'article', 'header', 'main', 'figure', 'figcaption', 'caption',
                        'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'dl', 'table'"/>

  <xsl:template name="typst:block">
    <xsl:param name="function" as="xs:string?" select="()"/>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:if test="exists($function)">#{$function}[</xsl:if>
    <xsl:apply-templates mode="typst"/>
    <xsl:if test="exists($function)">]</xsl:if>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:call-template name="typst:floats"/>
  </xsl:template>

  <xsl:template name="typst:floats">
    <xsl:variable name="entries" select="key('typst:apparatus-by-host', generate-id(.))"/>
    <xsl:if test="exists($entries)">
      <xsl:text>#apparatus[</xsl:text>
      <xsl:apply-templates select="$entries" mode="typst">
        <xsl:with-param name="floating" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
      <xsl:text>]&#10;&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="Q{}h1 | Q{}h2 | Q{}h3 | Q{}h4 | Q{}h5 | Q{}h6" mode="typst">
    <xsl:param name="level" as="xs:integer" select="xs:integer(substring(local-name(), 2))"/>
    <xsl:text>&#10;&#10;#heading(level: {$level}</xsl:text>
    <xsl:if test="$level gt 2">, outlined: false</xsl:if>
    <xsl:text>)[</xsl:text>
    <!-- without the source's white space at either end, which would start the bookmark's title -->
    <xsl:variable name="body" as="xs:string*">
      <xsl:apply-templates mode="typst">
        <xsl:with-param name="in-heading" select="true()" tunnel="yes"/>
        <xsl:with-param name="hoisting" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:value-of select="replace(string-join($body), '^\s+|\s+$', '')"/>
    <xsl:text>]</xsl:text>
    <xsl:for-each select="@id">{' ' || typst:label(.)}</xsl:for-each>
    <xsl:call-template name="typst:hoisted-notes"/>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:call-template name="typst:floats"/>
  </xsl:template>

  <xsl:template match="Q{}br" mode="typst">
    <xsl:text>#linebreak()</xsl:text>
  </xsl:template>

  <!-- Text; at the start of a paragraph, after its number, without the source's indentation. -->
  <xsl:template match="text()" mode="typst">
    <xsl:value-of select="typst:text(if (preceding-sibling::node()[1][self::Q{}a[@class = 'pnum'] | self::Q{}span[@class = 'l-num']])
                                     then replace(., '^\s+', '') else .)"/>
  </xsl:template>

  <!-- Lists, terms, tables -->

  <xsl:template match="Q{}ul | Q{}ol" mode="typst">
    <xsl:text>&#10;&#10;#{if (self::Q{}ol and not(tokenize(@class) = 'chain')) then 'enum' else 'list'}(</xsl:text>
    <xsl:for-each select="Q{}li">
      <xsl:text>[</xsl:text>
      <xsl:apply-templates select="." mode="typst-content"/>
      <xsl:text>], </xsl:text>
    </xsl:for-each>
    <xsl:text>)&#10;&#10;</xsl:text>
    <xsl:call-template name="typst:floats"/>
  </xsl:template>

  <xsl:template match="Q{}ul[tokenize(@class) = 'conventions']" mode="typst">
    <xsl:text>&#10;&#10;#conventions[</xsl:text>
    <xsl:next-match/>
    <xsl:text>]&#10;&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="Q{}*" mode="typst-content">
    <xsl:if test="@id and exists(key('typst:targets', @id))">#metadata(none){typst:label(@id)}</xsl:if>
    <xsl:apply-templates mode="typst"/>
  </xsl:template>

  <xsl:template match="Q{}dl" mode="typst">
    <xsl:text>&#10;&#10;#terms(</xsl:text>
    <xsl:for-each select="Q{}dt">
      <xsl:text>terms.item[</xsl:text>
      <xsl:apply-templates select="." mode="typst-content"/>
      <xsl:text>][</xsl:text>
      <xsl:for-each select="following-sibling::Q{}dd[preceding-sibling::Q{}dt[1] is current()]">
        <xsl:if test="position() gt 1">#linebreak()</xsl:if>
        <xsl:apply-templates select="." mode="typst-content"/>
      </xsl:for-each>
      <xsl:text>], </xsl:text>
    </xsl:for-each>
    <xsl:text>)&#10;&#10;</xsl:text>
    <xsl:call-template name="typst:floats"/>
  </xsl:template>

  <xsl:template match="Q{}table" mode="typst">
    <xsl:variable name="rows" select=".//Q{}tr"/>
    <xsl:variable name="columns" select="max(($rows ! sum((Q{}th | Q{}td) ! xs:integer((@colspan, 1)[1])), 1))"/>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:apply-templates select="Q{}caption" mode="typst"/>
    <xsl:text>#table(columns: {$columns}, </xsl:text>
    <xsl:for-each-group select="$rows" group-adjacent="exists(parent::Q{}thead) or (every $cell in * satisfies $cell/self::Q{}th)">
      <xsl:if test="current-grouping-key() and position() = 1">table.header(</xsl:if>
      <xsl:for-each select="current-group()/*">
        <xsl:text>table.cell(</xsl:text>
        <xsl:if test="@colspan">colspan: {xs:integer(@colspan)}, </xsl:if>
        <xsl:if test="@rowspan">rowspan: {xs:integer(@rowspan)}, </xsl:if>
        <xsl:text>)[</xsl:text>
        <xsl:apply-templates select="." mode="typst-content"/>
        <xsl:text>], </xsl:text>
      </xsl:for-each>
      <xsl:if test="current-grouping-key() and position() = 1">), </xsl:if>
    </xsl:for-each-group>
    <xsl:text>)&#10;&#10;</xsl:text>
    <xsl:call-template name="typst:floats"/>
  </xsl:template>

  <!-- Inline -->

  <xsl:template match="Q{}i | Q{}em | Q{}cite | Q{}dfn | Q{}var
                       | Q{}span[contains(@style, 'italic')]" mode="typst">
    <xsl:text>#emph[</xsl:text>
    <xsl:apply-templates mode="typst"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="Q{}b | Q{}strong | Q{}span[matches(@style, 'font-weight:\s*(bold|[6-9]00)')]" mode="typst">
    <xsl:text>#strong[</xsl:text>
    <xsl:apply-templates mode="typst"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="Q{}span[contains(@style, 'small-caps')] | Q{}abbr | Q{}span[tokenize(@class) = ('imprint-label', 'entry-subhead')]" mode="typst">
    <xsl:text>#smallcaps[</xsl:text>
    <xsl:apply-templates mode="typst"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="Q{}u | Q{}span[contains(@style, 'underline')]" mode="typst">
    <xsl:text>#underline[</xsl:text>
    <xsl:apply-templates mode="typst"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="Q{}*[tokenize(@class) = 'tei-speaker']" mode="typst" priority="1">
    <xsl:call-template name="typst:block">
      <xsl:with-param name="function" select="'smallcaps'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="Q{}sup | Q{}span[contains(@style, 'super')]" mode="typst">
    <xsl:text>#super[</xsl:text>
    <xsl:apply-templates mode="typst"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="Q{}sub | Q{}span[contains(@style, 'sub')]" mode="typst">
    <xsl:text>#sub[</xsl:text>
    <xsl:apply-templates mode="typst"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="Q{}q" mode="typst">
    <xsl:text>#quote[</xsl:text>
    <xsl:apply-templates mode="typst"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="Q{}del | Q{}s | Q{}span[contains(@style, 'line-through')]" mode="typst">
    <xsl:text>#strike[</xsl:text>
    <xsl:apply-templates mode="typst"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <!-- Links: a name leads to its register entry, never hyphenated and listed there with its page;
       a place in the book is linked when the book has it; an address outside, as an address. -->
  <xsl:template match="Q{}a[tokenize(@class) = 'name'][starts-with(@href, '#')]" mode="typst" priority="1">
    <xsl:param name="in-heading" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="target" select="substring(@href, 2)"/>
    <xsl:choose>
      <xsl:when test="not($in-heading) and exists(key('typst:ids', $target))">
        <xsl:text>#mention({typst:string(typst:label-name($target))})[</xsl:text>
      </xsl:when>
      <xsl:otherwise>#name[</xsl:otherwise>
    </xsl:choose>
    <xsl:apply-templates mode="typst">
      <xsl:with-param name="hoisting" select="true()" tunnel="yes"/>
    </xsl:apply-templates>
    <xsl:text>]</xsl:text>
    <xsl:call-template name="typst:hoisted-notes"/>
  </xsl:template>

  <!-- Notes and apparatus entries inside a link or heading stand after it: a link or a heading
       is one tag of the PDF, which a footnote or float would split. -->
  <xsl:template name="typst:hoisted-notes">
    <xsl:param name="hoisting" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="not($hoisting)">
      <xsl:apply-templates select=".//Q{}span[tokenize(@class) = 'footnote'][not(ancestor::Q{}span[tokenize(@class) = 'footnote'])]" mode="typst">
        <xsl:with-param name="hoisted" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:if>
  </xsl:template>

  <xsl:template match="Q{}span[tokenize(@class) = 'name']" mode="typst">
    <xsl:text>#name[</xsl:text>
    <xsl:apply-templates mode="typst"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="Q{}a[starts-with(@href, '#')]" mode="typst">
    <xsl:param name="in-heading" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="target" select="substring(@href, 2)"/>
    <xsl:choose>
      <xsl:when test="not($in-heading) and exists(key('typst:ids', $target))">
        <xsl:text>#link({typst:label(typst:label-name($target))})[</xsl:text>
        <xsl:apply-templates mode="typst"/>
        <xsl:text>]</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="typst"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The title page points into the book with a page number ("translation provenance, p. 14"). -->
  <xsl:template match="Q{}p[@class = 'tp-source']//Q{}a[starts-with(@href, '#')]" mode="typst" priority="2">
    <xsl:next-match/>
    <xsl:if test="exists(key('typst:ids', substring(@href, 2)))">, #page-of({typst:label(typst:label-name(substring(@href, 2)))})</xsl:if>
  </xsl:template>

  <xsl:template match="Q{}a[matches(@href, '^(https?|mailto):')]" mode="typst">
    <xsl:text>#link({typst:string(@href)})[</xsl:text>
    <xsl:apply-templates mode="typst"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <!-- The provenance drawing (the appendix's witnesses): the SVG itself, handed to Typst as bytes in
       the markup (no file, no network), its title and description as the image's alternative text,
       and the figure's caption under it. -->
  <xsl:template match="Q{}figure[tokenize(@class) = 'provenance-figure'][Q{http://www.w3.org/2000/svg}svg]" mode="typst" priority="6">
    <xsl:variable name="svg" select="Q{http://www.w3.org/2000/svg}svg[1]"/>
    <xsl:variable name="alt" select="string-join($svg/(Q{http://www.w3.org/2000/svg}title, Q{http://www.w3.org/2000/svg}desc)
                                     ! normalize-space(.)[. != ''], ': ')"/>
    <xsl:text>&#10;&#10;#provenance-figure(bytes({typst:string(serialize($svg))}), alt: {typst:string($alt)}, </xsl:text>
    <xsl:text>ratio: {((number($svg/@height) div number($svg/@width))[. = .], 1)[1]})[</xsl:text>
    <xsl:apply-templates select="Q{}figcaption/node()" mode="typst"/>
    <xsl:text>]&#10;&#10;</xsl:text>
  </xsl:template>

  <!-- The book's parts -->

  <xsl:template match="Q{}section[tokenize(@class) = 'title-page']" mode="typst">
    <xsl:text>#title-page(</xsl:text>
    <xsl:for-each select="Q{}p[@class = 'tp-author'], Q{}h1, Q{}p[@class = ('tp-subtitle', 'tp-editor', 'tp-edition', 'tp-source')],
                          Q{}div/Q{}p[@class = ('tp-publisher', 'tp-licence')]">
      <xsl:text>{replace((@class, 'tp-title')[1], '^tp-', '')}: [</xsl:text>
      <xsl:apply-templates mode="typst"/>
      <xsl:text>], </xsl:text>
    </xsl:for-each>
    <xsl:text>)&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="Q{}section[tokenize(@class) = 'imprint']" mode="typst">
    <xsl:text>#imprint[</xsl:text>
    <xsl:apply-templates mode="typst"/>
    <xsl:text>]&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="Q{}nav[tokenize(@class) = 'contents']" mode="typst">
    <xsl:text>#contents()&#10;</xsl:text>
  </xsl:template>

  <!-- The text starts here: running heads and folios from this page on. -->
  <xsl:template match="Q{}article[tokenize(@class) = 'document']" mode="typst">
    <xsl:text>&#10;#metadata(none) &lt;editio-part-end&gt;#pagebreak(to: "odd", weak: true)&#10;#metadata(none) &lt;editio-body-start&gt;#v(10%)&#10;</xsl:text>
    <xsl:text>#text(lang: {typst:string(typst:language((@lang, 'en')[1]))})[</xsl:text>
    <xsl:apply-templates mode="typst"/>
    <xsl:text>]&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="Q{}p[tokenize(@class) = ('tei-docAuthor', 'doc-author')]" mode="typst">
    <xsl:call-template name="typst:block">
      <xsl:with-param name="function" select="'doc-author'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="Q{}*[tokenize(@class) = ('tei-dateline')]" mode="typst">
    <xsl:call-template name="typst:block">
      <xsl:with-param name="function" select="'dateline'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="Q{}*[tokenize(@class) = ('tei-closer', 'tei-signed')]" mode="typst">
    <xsl:call-template name="typst:block">
      <xsl:with-param name="function" select="'closer'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="Q{}*[tokenize(@class) = 'tei-l']" mode="typst">
    <xsl:call-template name="typst:block">
      <xsl:with-param name="function" select="'verse-line'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="Q{}a[@class = 'pnum'] | Q{}span[@class = 'l-num']" mode="typst" priority="6">
    <xsl:text>#paragraph-number[{.}]</xsl:text>
  </xsl:template>

  <!-- Where the text's body begins: the recto's running head is the book's title again, not the
       last heading of the front (an introduction). After a front, the text (its dateline, its first
       paragraph) opens a recto of its own, as a book's would, rather than closing the introduction's page. -->
  <xsl:template match="Q{}*[tokenize(@class) = 'tei-body']" mode="typst" priority="1">
    <xsl:if test="preceding::Q{}*[tokenize(@class) = 'tei-front'] and not(preceding::Q{}*[tokenize(@class) = 'tei-body'])">
      <xsl:text>&#10;#metadata(none) &lt;editio-part-end&gt;#pagebreak(to: "odd", weak: true)&#10;</xsl:text>
    </xsl:if>
    <xsl:text>#metadata(none) &lt;editio-text-body&gt;</xsl:text>
    <xsl:call-template name="typst:block"/>
  </xsl:template>

  <xsl:template match="Q{}*[tokenize(@class) = 'tei-lg']" mode="typst" priority="1">
    <xsl:call-template name="typst:block">
      <xsl:with-param name="function" select="'stanza'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="Q{}span[tokenize(@class) = 'footnote'][not(tokenize(@class) = 'apparatus')]" mode="typst" priority="6">
    <xsl:param name="hoisting" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="hoisted" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="not($hoisting) or $hoisted">
    <xsl:text>#note({xs:integer(@data-n)})[</xsl:text>
    <xsl:apply-templates mode="typst"/>
    <xsl:text>]</xsl:text>
    <xsl:text>{typst:label(@id)}</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="Q{}span[tokenize(@class) = 'apparatus']" mode="typst" priority="6">
    <xsl:param name="floating" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="$floating">
    <xsl:variable name="lemma" select="Q{}span[@class = 'app-lemma']"/>
    <xsl:text>#apparatus-entry[</xsl:text>
    <xsl:apply-templates select="Q{}span[@class = 'app-where']/node()" mode="typst"/>
    <xsl:text>][</xsl:text>
    <xsl:apply-templates select="$lemma/node()" mode="typst"/>
    <xsl:text>][</xsl:text>
    <xsl:for-each select="node()[. >> $lemma]">
      <xsl:choose>
        <xsl:when test="self::text() and not(preceding-sibling::node()[1][. >> $lemma])">{typst:text(replace(., '^\]\s*', ''))}</xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="." mode="typst"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <xsl:text>]</xsl:text>
    <xsl:text>{typst:label(@id)}</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="Q{}span[tokenize(@class) = 'pb']" mode="typst" priority="6">
    <xsl:variable name="cert" select="Q{}span/Q{}span[@class = 'pb-cert']"/>
    <xsl:text>#page-break([</xsl:text>
    <xsl:apply-templates select="Q{}span[@class = 'pb-label']/node() except $cert" mode="typst"/>
    <xsl:text>], {if ($cert) then '[' || typst:text(normalize-space($cert)) || ']' else 'none'})</xsl:text>
    <xsl:text>{typst:label(@id)}</xsl:text>
    <!-- The hairline stands between words, apart from both ("of | more", not "of |more"). -->
    <xsl:if test="following-sibling::node()[1][self::text()][matches(., '^\S')]"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- The register lists the pages each entry's name stands on, then where else to look. -->
  <xsl:template match="Q{}p[tokenize(@class) = 'occurrences']" mode="typst" priority="6">
    <xsl:variable name="entry" select="ancestor::Q{}article[tokenize(@class) = 'entry'][1]/@id"/>
    <xsl:variable name="see-also" select="text()[contains(., 'see also')]"/>
    <xsl:text>&#10;&#10;Named on #pages-of({typst:string(typst:label-name($entry))})</xsl:text>
    <xsl:if test="$see-also">
      <xsl:text>; see also </xsl:text>
      <xsl:apply-templates select="node()[. >> $see-also]" mode="typst"/>
    </xsl:if>
    <xsl:text>.</xsl:text>
    <xsl:text>&#10;&#10;</xsl:text>
  </xsl:template>

  <!-- A register entry of a few lines is kept on one page: a name at the foot of a page with its
       description overleaf, or the last line of an entry alone at the head of the next, reads as a
       break in the register. A long entry may still break (it could be longer than a page). -->
  <xsl:template match="Q{}article[tokenize(@class) = 'entry']" mode="typst" priority="3">
    <xsl:call-template name="typst:block">
      <xsl:with-param name="function" select="if (string-length(normalize-space(.)) le $typst:unbroken-entry)
                                              then 'keep-together' else ()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The characters of a register entry kept on one page: about eight lines of the A5 page. -->
  <xsl:variable name="typst:unbroken-entry" as="xs:integer" select="640"/>

  <xsl:template match="Q{}p[tokenize(@class) = 'register-intro']" mode="typst" priority="6">
    <xsl:call-template name="typst:block">
      <xsl:with-param name="function" select="'small'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The appendices are set flush, without indents; their lists (witnesses, sources: long addresses)
       ragged right, so that an address that cannot break leaves no gaping line before it. -->
  <xsl:template match="Q{}section[tokenize(@class) = 'appendix']" mode="typst" priority="6">
    <xsl:text>&#10;&#10;#metadata(none) &lt;editio-part-end&gt;#pagebreak(to: "odd", weak: true)&#10;#v(10%)#[#set par(first-line-indent: 0pt, spacing: 0.7em)&#10;#show list: set par(justify: false)&#10;#show enum: set par(justify: false)&#10;</xsl:text>
    <xsl:next-match/>
    <xsl:text>]&#10;&#10;</xsl:text>
  </xsl:template>

</xsl:stylesheet>
