<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page shell every page shares, and where things are: links between pages of the site.
  Hooks print.xsl may override: web:head-links, web:scripts, web:site-header, web:site-footer.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:editio"
    xmlns:web="urn:editio:web"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- "1 letter", "1,317 letters": a count and its noun, as the corpus and register pages say them. -->
  <xsl:function name="web:count" as="xs:string">
    <xsl:param name="count" as="xs:integer"/>
    <xsl:param name="noun" as="xs:string"/>
    <xsl:sequence select="format-integer($count, '#,##0') || ' ' || $noun || (if ($count = 1) then '' else 's')"/>
  </xsl:function>

  <!-- The pages of the site, relative to its root. -->
  <xsl:function name="web:document-href" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:sequence select="$root || ed:document-id($tei) || '.html'"/>
  </xsl:function>

  <xsl:function name="web:about-href" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:sequence select="$root || 'about/' || ed:document-id($tei) || '.html'"/>
  </xsl:function>

  <xsl:function name="web:register-href" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:sequence select="$root || 'register/' || $kind || '.html'"/>
  </xsl:function>

  <!-- The address at which an element of the edition is read: a register entry, a place in a
       text, or a section of a document's "about" page. -->
  <xsl:function name="web:href" as="xs:string">
    <xsl:param name="target" as="element()"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:variable name="tei" select="$target/ancestor-or-self::TEI[1]"/>
    <xsl:variable name="anchor" select="ed:anchor($target)"/>
    <!-- an entry of the merged register is its own anchor, on its register page: most names point to one -->
    <xsl:sequence select="if ($target/self::ed:target) then $root || $target/@href
      else if ($target/parent::ed:register) then web:entry-href($target, $root) else map {
        'register': function() { web:entry-href($anchor, $root) },
        'text': function() { web:document-href($tei, $root) || '#' || ed:id(($target[@xml:id], $anchor)[1]) },
        'about': function() { web:about-href($tei, $root) || '#' || ed:about-anchor($anchor) }
      }(ed:page-of($target))()"/>
  </xsl:function>

  <!-- What a per-document transform may point to in the other texts (their elements with an
       xml:id): where each is read and how it is named. Made once per build from the whole edition
       (Edition.context_xml), so that a page reaches another text without holding it. -->
  <xsl:template name="web:target-index">
    <ed:targets>
      <xsl:for-each select="$ed:edition/ed:edition/ed:document[@has-text = 'true']/TEI//*[@xml:id]">
        <ed:target id="{@xml:id}" document="{ed:document-id(.)}" page="{ed:page-of(.)}" href="{web:href(., '')}"
                   label="{ed:anchor-label(ed:anchor(.))}"/>
      </xsl:for-each>
    </ed:targets>
  </xsl:template>

  <xsl:variable name="web:metadata-labels" as="map(xs:string, xs:string)" select="map {
      'bibtex': 'BibTeX', 'ris': 'RIS', 'csl-json': 'CSL JSON', 'jsonld': 'JSON-LD', 'mods': 'MODS',
      'oai_dc': 'Dublin Core', 'marcxml': 'MARCXML', 'datacite': 'DataCite', 'mets': 'METS' }"/>

  <!-- The page -->

  <!-- The browser's title: the page's, then the edition's. (Print keeps only the page's: it is
       the PDF's Title.) -->
  <xsl:template name="web:page-title" as="xs:string">
    <xsl:param name="title" as="xs:string" required="yes"/>
    <xsl:sequence select="string-join(distinct-values(($title, string($ed:settings/@title))), ' · ')"/>
  </xsl:template>

  <xsl:template name="web:page">
    <xsl:param name="title" as="xs:string" required="yes"/>
    <xsl:param name="page" as="xs:string" required="yes"/>
    <xsl:param name="path" as="xs:string" required="yes"/>
    <xsl:param name="tei" as="element(TEI)?" select="()"/>
    <xsl:param name="content" as="node()*" required="yes"/>
    <xsl:variable name="root" select="string-join(tokenize($path, '/')[position() gt 1] ! '../')"/>
    <html lang="{$ed:settings/@language}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:call-template name="web:page-title">
            <xsl:with-param name="title" select="$title"/>
          </xsl:call-template>
        </title>
        <xsl:call-template name="web:head-links">
          <xsl:with-param name="root" select="$root"/>
        </xsl:call-template>
        <xsl:if test="$page = 'document'">
          <xsl:for-each select="$tei">
            <xsl:call-template name="ed:head-metadata">
              <xsl:with-param name="pdf" select="$has-pdf"/>
            </xsl:call-template>
          </xsl:for-each>
        </xsl:if>
        <xsl:call-template name="web:scripts">
          <xsl:with-param name="root" select="$root"/>
        </xsl:call-template>
      </head>
      <body class="page-{$page}">
        <a class="skip-link" href="#main">Skip to the content</a>
        <xsl:call-template name="web:site-header">
          <xsl:with-param name="root" select="$root"/>
          <xsl:with-param name="path" select="$path"/>
        </xsl:call-template>
        <main id="main">
          <xsl:sequence select="$content"/>
        </main>
        <xsl:call-template name="web:site-footer">
          <xsl:with-param name="root" select="$root"/>
          <xsl:with-param name="tei" select="$tei"/>
        </xsl:call-template>
      </body>
    </html>
  </xsl:template>

  <!-- 404.html: what the server answers for a page that does not exist (editio.notfound). -->
  <xsl:template name="web:not-found-page">
    <xsl:call-template name="web:page">
      <xsl:with-param name="title" select="'Page not found'"/>
      <xsl:with-param name="page" select="'not-found'"/>
      <xsl:with-param name="path" select="'404.html'"/>
      <xsl:with-param name="content" as="node()*">
        <article class="not-found" aria-labelledby="not-found-title">
          <h1 id="not-found-title">Page not found</h1>
          <p>There is no page at this address in the edition. Perhaps it moved, or the link was mistyped.</p>
          <ul class="way-links">
            <li><a href="index.html">{ed:label('contents')}</a></li>
            <!-- the texts, when they are few (facts.py keeps them in full); else the letters' index -->
            <xsl:for-each select="$ed:edition//ed:document[@has-text = 'true']/TEI">
              <li><a href="{web:document-href(., '')}"><cite>{ed:display-title(.)}</cite></a></li>
            </xsl:for-each>
            <xsl:if test="exists($web:letters)">
              <li><a href="letters/index.html">Letters</a></li>
            </xsl:if>
            <xsl:if test="exists($ed:register-kinds)">
              <li><a href="register/index.html">{ed:label('register')}</a></li>
            </xsl:if>
          </ul>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="web:head-links">
    <xsl:param name="root" as="xs:string" required="yes"/>
    <link rel="stylesheet" href="{$root}assets/edition.css"/>
  </xsl:template>

  <xsl:template name="web:scripts">
    <xsl:param name="root" as="xs:string" required="yes"/>
    <script src="{$root}assets/edition.js" defer="defer"></script>
  </xsl:template>

  <xsl:template name="web:site-header">
    <xsl:param name="root" as="xs:string" required="yes"/>
    <xsl:param name="path" as="xs:string" required="yes"/>
    <header class="site-header">
      <div class="site-header-inner">
        <a class="site-title" href="{$root}index.html">{$ed:settings/@title}</a>
        <nav class="site-nav" aria-label="Edition">
          <ul>
            <xsl:for-each select="map { 'path': 'index.html', 'label': ed:label('contents'), 'section': 'index.html' },
                                  map { 'path': 'register/index.html', 'label': ed:label('register'), 'section': 'register/' }[exists($ed:register-kinds)],
                                  map { 'path': 'about/index.html', 'label': 'About', 'section': 'about/' },
                                  map { 'path': 'search.html', 'label': 'Search', 'section': 'search.html' }[$has-search]">
              <li>
                <a href="{$root}{?path}">
                  <xsl:if test="$path = ?path or ($path != 'index.html' and starts-with($path, ?section))">
                    <xsl:attribute name="aria-current" select="if ($path = ?path) then 'page' else 'true'"/>
                  </xsl:if>
                  <xsl:text>{?label}</xsl:text>
                </a>
              </li>
            </xsl:for-each>
          </ul>
        </nav>
      </div>
    </header>
  </xsl:template>

  <xsl:template name="web:site-footer">
    <xsl:param name="root" as="xs:string" required="yes"/>
    <xsl:param name="tei" as="element(TEI)?" required="yes"/>
    <footer class="site-footer">
      <div class="site-footer-inner">
        <xsl:for-each select="$tei">
          <xsl:call-template name="web:cite-block">
            <xsl:with-param name="root" select="$root"/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:call-template name="web:colophon">
          <xsl:with-param name="tei" select="$tei"/>
        </xsl:call-template>
      </div>
    </footer>
  </xsl:template>

  <!-- The edition's last change: once per transformation, not once per page (a large register makes
       thousands of pages in one). -->
  <xsl:variable name="web:edition-last-change" as="xs:string?"
      select="max($ed:edition/ed:edition/ed:document[@has-text = 'true']
                  ! (if (TEI) then ed:last-change(TEI) else ed:facts/@changed[. castable as xs:date]) ! xs:date(.)) ! string()"/>

  <!-- Publisher, licence, version and last change: of the document, or of the edition as a whole. -->
  <xsl:template name="web:colophon">
    <xsl:param name="tei" as="element(TEI)?" required="yes"/>
    <xsl:variable name="licence" select="ed:licence($tei)"/>
    <xsl:variable name="changed" select="if ($tei) then ed:last-change($tei) else $web:edition-last-change"/>
    <div class="colophon">
      <p>
        <span class="colophon-title">{$ed:settings/@title}</span>
        <xsl:text>. Published by {$ed:settings/@publisher}.</xsl:text>
      </p>
      <p>
        <xsl:text>{ed:label('licence')}: </xsl:text>
        <a rel="license" href="{$licence?url}">{$licence?text}</a>
        <xsl:for-each select="$tei/teiHeader/fileDesc/publicationStmt/availability/p">
          <xsl:text> </xsl:text>
          <xsl:apply-templates/>
        </xsl:for-each>
      </p>
      <p class="version">
        <xsl:for-each select="$tei ! ed:edition-version(.)">
          <xsl:text>{ed:label('version')} {.}</xsl:text>
          <xsl:if test="$changed"> · </xsl:if>
        </xsl:for-each>
        <xsl:for-each select="$changed">
          <xsl:text>{ed:label('last-change')}: </xsl:text>
          <time datetime="{.}">{ed:format-iso(.)}</time>
        </xsl:for-each>
      </p>
    </div>
  </xsl:template>

  <!-- The suggested citation and the records to download, with the text's other forms. -->
  <xsl:template name="web:cite-block">
    <xsl:param name="root" as="xs:string" required="yes"/>
    <xsl:variable name="id" select="ed:document-id(.)"/>
    <section class="cite" aria-labelledby="cite-heading">
      <h2 id="cite-heading">{ed:label('cite')}</h2>
      <p class="citation">
        <xsl:choose>
          <xsl:when test="normalize-space($citation)">
            <xsl:sequence select="parse-xml-fragment($citation)/node()"/>
          </xsl:when>
          <xsl:otherwise>{ed:suggested-citation(.)}</xsl:otherwise>
        </xsl:choose>
      </p>
      <ul class="downloads">
        <!-- $metadata-files: the records site.py writes, "format=suffix" in its order. -->
        <xsl:for-each select="tokenize($metadata-files)">
          <xsl:variable name="format" select="substring-before(., '=')"/>
          <li><a href="{$root}metadata/{$id}{substring-after(., '=')}" download="">{($web:metadata-labels($format), $format)[1]}</a></li>
        </xsl:for-each>
        <xsl:if test="$has-pdf">
          <li><a href="{$root}pdf/{$id}.pdf">PDF (print edition)</a></li>
        </xsl:if>
        <li><a href="{$root}text/{$id}.txt">Plain text</a></li>
        <li><a href="{$root}tei/{ancestor::ed:document/@file}">TEI XML</a></li>
        <xsl:if test="ed:kind(.) = 'letter'">
          <!-- The edition's letters for correspSearch, which harvests this file by its URL. -->
          <li><a href="{$root}metadata/cmif.xml">Correspondence metadata of the edition (CMIF, for correspSearch)</a></li>
        </xsl:if>
      </ul>
    </section>
  </xsl:template>

</xsl:stylesheet>
