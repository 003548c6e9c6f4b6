<?xml version="1.0" encoding="UTF-8"?>
<!--
  One document as a book: title page, imprint, contents, the text, then the appendices ("about
  this text": the header with the translation provenance and the emendations; the register entries
  the document names). The web page's shell stays (web:page); its site header, footer, scripts
  and stylesheet links give way to the document metadata typst.xsl writes into the PDF.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:editio"
    xmlns:web="urn:editio:web"
    xmlns:print="urn:editio:print"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Headings of reused web parts one level down, where the book nests them one level deeper. -->
  <xsl:mode name="print:demote" on-no-match="shallow-copy"/>

  <xsl:template _match="{$ed:match?document}">
    <xsl:call-template name="web:page">
      <xsl:with-param name="title" select="ed:display-title(.)"/>
      <xsl:with-param name="page" select="'print'"/>
      <xsl:with-param name="path" select="ed:document-id(.) || '.pdf'"/>
      <xsl:with-param name="tei" select="."/>
      <xsl:with-param name="content" as="node()*">
        <xsl:variable name="entries" select="print:register-entries(.)"/>
        <xsl:call-template name="print:title-page"/>
        <xsl:call-template name="print:imprint"/>
        <xsl:call-template name="print:contents">
          <xsl:with-param name="entries" select="$entries"/>
        </xsl:call-template>
        <article class="document" id="text-{ed:document-id(.)}" data-reading="{$reading}"
                 data-running-head="{(ed:main-title(.), ed:display-title(.))[1]}">
          <xsl:for-each select="(text/@xml:lang, @xml:lang)[1]">
            <xsl:attribute name="lang" select="."/>
          </xsl:for-each>
          <xsl:call-template name="web:document-header"/>
          <xsl:apply-templates select="text">
            <xsl:with-param name="root" select="''" tunnel="yes"/>
          </xsl:apply-templates>
        </article>
        <section class="appendix about" id="about-this-text" aria-labelledby="about-this-text-heading">
          <h1 id="about-this-text-heading">{ed:label('about')}</h1>
          <xsl:call-template name="web:about-sections">
            <xsl:with-param name="root" select="''" tunnel="yes"/>
          </xsl:call-template>
        </section>
        <xsl:call-template name="print:register">
          <xsl:with-param name="entries" select="$entries"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The shell: no site navigation, no script; the metadata typst.xsl reads into the PDF's
       info dictionary and XMP (title comes from web:page's <title>, language from <html lang>). -->
  <xsl:template name="web:head-links">
    <xsl:param name="root" as="xs:string" required="yes"/>
    <xsl:for-each select=".[self::TEI]">
      <xsl:variable name="citation" select="ed:citation(.)"/>
      <xsl:for-each select="$citation?authors">
        <meta name="author" content="{.}"/>
      </xsl:for-each>
      <xsl:for-each select="(teiHeader/encodingDesc/projectDesc/p, teiHeader/fileDesc/sourceDesc/p)[1] ! ed:text(.)[. != '']">
        <meta name="description" content="{.}"/>
      </xsl:for-each>
      <xsl:if test="exists($citation?keywords)">
        <meta name="keywords" content="{string-join($citation?keywords ! replace(., ',', ';'), ', ')}"/>
      </xsl:if>
      <meta name="generator" content="editio"/>
      <xsl:for-each select="ed:edition-date(.)[. castable as xs:date]">
        <meta name="dcterms.created" content="{.}"/>
      </xsl:for-each>
      <xsl:for-each select="ed:last-change(.)">
        <meta name="dcterms.modified" content="{.}"/>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="web:scripts">
    <xsl:param name="root" as="xs:string" required="yes"/>
  </xsl:template>

  <xsl:template name="web:site-header">
    <xsl:param name="root" as="xs:string" required="yes"/>
    <xsl:param name="path" as="xs:string" required="yes"/>
  </xsl:template>

  <xsl:template name="web:site-footer">
    <xsl:param name="root" as="xs:string" required="yes"/>
    <xsl:param name="tei" as="element(TEI)?" required="yes"/>
  </xsl:template>

  <!-- The head of the text: its own title page (or the header's title), without the web's
       version line, contents and reading switch, which the front matter gives instead. -->
  <xsl:template name="web:document-header">
    <header class="document-header">
      <xsl:choose>
        <xsl:when test="web:title-page(.)">
          <xsl:apply-templates select="web:title-page(.)">
            <xsl:with-param name="root" select="''" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>
          <h1 id="document-title">{ed:display-title(.)}</h1>
          <xsl:if test="exists(ed:authors(.))">
            <p class="doc-author">{string-join(ed:authors(.), ', ')}</p>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </header>
  </xsl:template>

  <!-- Front matter -->

  <!-- Title, author, edition, editor, source and licence, as the header states them. -->
  <xsl:template name="print:title-page">
    <xsl:variable name="statement" select="teiHeader/fileDesc/titleStmt"/>
    <xsl:variable name="copy-text" select="ed:copy-text(.)"/>
    <section class="title-page" aria-label="Title page">
      <xsl:if test="$statement/author">
        <p class="tp-author">
          <xsl:for-each select="$statement/author">
            <xsl:if test="position() gt 1">, </xsl:if>
            <xsl:value-of select="ed:text(.)"/>
          </xsl:for-each>
        </p>
      </xsl:if>
      <h1 class="tp-title">{(ed:main-title(.), ed:display-title(.))[1]}</h1>
      <xsl:for-each select="ed:subtitle(.)">
        <p class="tp-subtitle">{.}</p>
      </xsl:for-each>
      <xsl:for-each select="$statement/editor">
        <p class="tp-editor">Edited by {ed:text(.)}</p>
      </xsl:for-each>
      <xsl:for-each select="teiHeader/fileDesc/editionStmt/edition">
        <p class="tp-edition">{ed:text(.)}</p>
      </xsl:for-each>
      <xsl:for-each select="$copy-text">
        <p class="tp-source">
          <xsl:text>{web:title-case(ed:term('sic'))}: {ed:witness-label(.)}</xsl:text>
          <xsl:if test="@xml:id and exists(ed:provenance-chain(ancestor::TEI[1]))">
            <br/>
            <a href="#witnesses">{lower-case($web:about-sections('witnesses'))}</a>
          </xsl:if>
        </p>
      </xsl:for-each>
      <div class="tp-foot">
        <p class="tp-publisher">{ed:publisher(.)}</p>
        <p class="tp-licence">{ed:licence(.)?text}</p>
      </div>
    </section>
  </xsl:template>

  <!-- The page's <title>: the document's own, without the edition's. -->
  <xsl:template name="web:page-title" as="xs:string">
    <xsl:param name="title" as="xs:string" required="yes"/>
    <xsl:sequence select="$title"/>
  </xsl:template>

  <!-- The back of the title page: colophon, citation, and how this print shows the encoding. -->
  <xsl:template name="print:imprint">
    <section class="imprint" aria-label="Imprint">
      <xsl:call-template name="web:colophon">
        <xsl:with-param name="tei" select="."/>
      </xsl:call-template>
      <p class="citation">
        <span class="imprint-label">{ed:label('cite')}: </span>
        <xsl:text>{ed:suggested-citation(.)}</xsl:text>
      </p>
      <xsl:variable name="conventions" as="element()*">
        <xsl:call-template name="print:conventions"/>
      </xsl:variable>
      <xsl:if test="exists($conventions)">
        <ul class="conventions">
          <xsl:sequence select="$conventions"/>
        </ul>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- What the reader needs to know to read the page, for what this document has. -->
  <xsl:template name="print:conventions">
    <xsl:variable name="choices" select="text//choice[exists(ed:chosen(., $reading)) and exists(ed:alternative(., $reading))]"/>
    <xsl:variable name="breaks" select="text//pb"/>
    <xsl:variable name="paged" select="distinct-values($breaks/@edRef ! ed:targets(.) ! ed:witness-label(.))"/>
    <xsl:if test="exists(text//p[ed:is-numbered(.)])">
      <li>Paragraphs are numbered in the left margin.</li>
    </xsl:if>
    <xsl:if test="exists($choices)">
      <li>The text gives the {lower-case(ed:label($reading))}. Each of its {count($choices)} emendations is
        recorded at the foot of the page under its paragraph number: this edition’s reading, then the
        other and its authority.</li>
    </xsl:if>
    <xsl:if test="exists(ed:text-notes(.))">
      <li>Numbered notes are the editors’.</li>
    </xsl:if>
    <xsl:if test="exists($breaks)">
      <li>A hairline in the text marks a page break of
        {if (exists($paged)) then string-join($paged, ', ') else 'the source'}; the page number stands
        in the right margin, with its certainty where the encoding records one.</li>
    </xsl:if>
  </xsl:template>

  <!-- The contents: a place for them. Typst makes them from the headings, with their pages. -->
  <xsl:template name="print:contents">
    <xsl:param name="entries" as="element()*" required="yes"/>
    <nav class="contents" aria-label="{ed:label('contents')}"/>
  </xsl:template>

  <!-- Back matter: the register -->

  <!-- The entries this document names (in its text or its header), and those they name in turn,
       so that every name in the book leads to an entry in it. -->
  <xsl:function name="print:register-entries" as="element()*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="print:linked-entries(print:entries-named-in($tei), ())"/>
  </xsl:function>

  <xsl:function name="print:entries-named-in" as="element()*">
    <xsl:param name="scope" as="element()*"/>
    <xsl:sequence select="(for $ref in $scope//@ref, $pointer in tokenize($ref) return ed:entity($pointer, $ref/..),
                           $scope//@target ! ed:targets(.)[local-name() = map:keys($ed:entity-kinds)])/."/>
  </xsl:function>

  <xsl:function name="print:linked-entries" as="element()*">
    <xsl:param name="found" as="element()*"/>
    <xsl:param name="searched" as="element()*"/>
    <xsl:variable name="new" select="$found except $searched"/>
    <xsl:sequence select="if (empty($new)) then $found
                          else print:linked-entries(($found | print:entries-named-in($new)), $found)"/>
  </xsl:function>

  <xsl:function name="print:register-kinds" as="xs:string*">
    <xsl:param name="entries" as="element()*"/>
    <xsl:sequence select="$ed:register-kinds[. = $entries ! ed:entity-kind(.)]"/>
  </xsl:function>

  <!-- Each kind of entry under its heading, entries one level below it, then the register's
       sources, numbered as the entries cite them. -->
  <xsl:template name="print:register">
    <xsl:param name="entries" as="element()*" required="yes"/>
    <xsl:variable name="sources" select="($entries/descendant-or-self::*/@source ! ed:targets(.))/."/>
    <xsl:if test="exists($entries)">
      <section class="appendix register" id="register" aria-labelledby="register-heading">
        <h1 id="register-heading">{ed:label('register')}</h1>
        <p class="register-intro">The {count($entries)} entries of the edition’s register that this text
          names, or that its entries name.</p>
        <xsl:apply-templates select="($entries/ancestor::TEI)/teiHeader/encodingDesc/editorialDecl/interpretation/node()">
          <xsl:with-param name="root" select="''" tunnel="yes"/>
        </xsl:apply-templates>
        <xsl:for-each select="print:register-kinds($entries)">
          <xsl:variable name="kind" select="."/>
          <section class="register-kind" id="register-{$kind}" aria-labelledby="register-{$kind}-heading">
            <h2 id="register-{$kind}-heading">{ed:label($kind)}</h2>
            <xsl:variable name="listed" as="element()*">
              <xsl:apply-templates select="ed:entities($kind) intersect $entries" mode="web:entry">
                <xsl:with-param name="root" select="''" tunnel="yes"/>
                <xsl:with-param name="web:sources" select="$sources" tunnel="yes"/>
              </xsl:apply-templates>
            </xsl:variable>
            <xsl:apply-templates select="$listed" mode="print:demote"/>
          </section>
        </xsl:for-each>
        <xsl:if test="exists($sources)">
          <section class="register-sources" id="register-sources" aria-labelledby="register-sources-heading">
            <h2 id="register-sources-heading">Sources</h2>
            <ol>
              <xsl:for-each select="$sources">
                <li id="{@xml:id}">
                  <xsl:apply-templates>
                    <xsl:with-param name="root" select="''" tunnel="yes"/>
                  </xsl:apply-templates>
                </li>
              </xsl:for-each>
            </ol>
          </section>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Where the edition names an entry: in print, the pages its name stands on (Typst finds them,
       typst/layout.xsl asks), then the register entries that name it. -->
  <xsl:template name="web:occurrences">
    <xsl:variable name="entity" select="."/>
    <xsl:variable name="in-register" select="(ed:occurrences(.)[not(ancestor-or-self::* intersect $entity)]
                                              [ed:page-of(.) = 'register'] ! ed:anchor(.))/."/>
    <p class="occurrences">
      <xsl:if test="exists($in-register)">
        <xsl:text>; see also </xsl:text>
        <xsl:for-each select="$in-register">
          <xsl:if test="position() gt 1">, </xsl:if>
          <a href="#{ed:id(.)}">{ed:entity-name(.)}</a>
        </xsl:for-each>
      </xsl:if>
    </p>
  </xsl:template>

  <xsl:template match="Q{}h2 | Q{}h3 | Q{}h4 | Q{}h5" mode="print:demote">
    <xsl:element name="h{xs:integer(substring(local-name(), 2)) + 1}">
      <xsl:apply-templates select="@*, node()" mode="print:demote"/>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
