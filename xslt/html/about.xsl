<?xml version="1.0" encoding="UTF-8"?>
<!--
  "About this text": what the header says, for readers. The translation provenance is drawn as a
  chain of witnesses from relatedItem links, each with its certainty and its notes as encoded.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:web="urn:editio:web"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- A witness as one step of the provenance. -->
  <xsl:mode name="web:witness" on-no-match="deep-skip"/>

  <!-- The sections of the page: id → heading; a section without content is left out. -->
  <xsl:variable name="web:about-sections" as="map(xs:string, xs:string)" select="map {
      'title': 'The text and this edition', 'creation': 'Writing, language and subjects',
      'correspondence': 'Correspondence', 'witnesses': 'Translation provenance',
      'declarations': 'Editorial declarations', 'revisions': 'Revisions' }"/>

  <xsl:template name="web:about-page">
    <xsl:for-each select="(key('ed:document-by-id', $document-id, $ed:edition)/TEI, $document)[1]">
      <xsl:call-template name="web:page">
        <xsl:with-param name="title" select="ed:label('about') || ': ' || ed:display-title(.)"/>
        <xsl:with-param name="page" select="'about'"/>
        <xsl:with-param name="path" select="'about/' || ed:document-id(.) || '.html'"/>
        <xsl:with-param name="tei" select="."/>
        <xsl:with-param name="content" as="node()*">
          <xsl:variable name="sections" as="element()*">
            <xsl:call-template name="web:about-sections">
              <xsl:with-param name="root" select="'../'" tunnel="yes"/>
              <xsl:with-param name="web:cards" select="true()" tunnel="yes"/>
            </xsl:call-template>
          </xsl:variable>
          <article class="about" aria-labelledby="about-title">
            <header class="document-header">
              <h1 id="about-title">{ed:label('about')}</h1>
              <p class="about-subject"><a href="{web:document-href(., '../')}"><cite>{ed:display-title(.)}</cite></a></p>
              <nav class="document-contents" aria-label="On this page">
                <ol>
                  <xsl:for-each select="$sections">
                    <li><a href="#{@id}">{$web:about-sections(@id)}</a></li>
                  </xsl:for-each>
                </ol>
              </nav>
            </header>
            <xsl:sequence select="$sections"/>
          </article>
          <xsl:call-template name="web:cards">
            <xsl:with-param name="root" select="'../'"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- about/index.html: the edition, and each text's "about" page. -->
  <xsl:template name="web:about-index-page">
    <!-- in the facts edition (facts.py): a text in full for a small edition, else its facts -->
    <xsl:variable name="texts" select="$ed:edition//ed:document[@has-text = 'true']/(TEI, ed:facts[empty(../TEI)])"/>
    <xsl:call-template name="web:page">
      <xsl:with-param name="title" select="'About the edition'"/>
      <xsl:with-param name="page" select="'about'"/>
      <xsl:with-param name="path" select="'about/index.html'"/>
      <xsl:with-param name="content" as="node()*">
        <article class="about" aria-labelledby="about-title">
          <h1 id="about-title">About the edition</h1>
          <p>{$ed:settings/@title} is published by {$ed:settings/@publisher}. For each text, what its
            encoding says: who wrote it and when, the witnesses it came down through, how it was edited and
            revised.</p>
          <ul class="way-links">
            <xsl:for-each select="$texts">
              <li><a href="../about/{ed:document-id(.)}.html"><cite>{if (self::TEI) then ed:display-title(.) else @title}</cite></a></li>
            </xsl:for-each>
          </ul>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="web:about-sections">
    <xsl:variable name="header" select="teiHeader"/>
    <xsl:call-template name="web:about-section">
      <xsl:with-param name="id" select="'title'"/>
      <xsl:with-param name="content" as="node()*">
        <xsl:call-template name="web:facts">
          <xsl:with-param name="facts" select="
              map { 'label': 'Title', 'value': ed:display-title(.) },
              map { 'label': 'Author', 'nodes': $header/fileDesc/titleStmt/author },
              map { 'label': 'Editor', 'nodes': $header/fileDesc/titleStmt/editor },
              map { 'label': 'Responsibility', 'nodes': $header/fileDesc/titleStmt/respStmt },
              map { 'label': 'Edition', 'nodes': $header/fileDesc/editionStmt/(edition, p) },
              map { 'label': 'Publisher', 'nodes': $header/fileDesc/publicationStmt/(publisher, distributor, authority) },
              map { 'label': 'Identifier', 'nodes': $header/fileDesc/publicationStmt/idno },
              map { 'label': 'Licence', 'nodes': $header/fileDesc/publicationStmt/availability/(licence, p) },
              map { 'label': 'Project', 'nodes': $header/encodingDesc/projectDesc/p }"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="web:about-section">
      <xsl:with-param name="id" select="'creation'"/>
      <xsl:with-param name="content" as="node()*">
        <xsl:call-template name="web:facts">
          <xsl:with-param name="facts" select="
              map { 'label': 'Creation', 'nodes': $header/profileDesc/creation },
              map { 'label': 'Language', 'nodes': $header/profileDesc/langUsage/language },
              map { 'label': 'Keywords', 'value': string-join($header/profileDesc/textClass//term ! ed:text(.), '; ') }"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="web:about-section">
      <xsl:with-param name="id" select="'correspondence'"/>
      <xsl:with-param name="content" as="node()*">
        <xsl:call-template name="web:facts">
          <xsl:with-param name="facts" select="
              ($header/profileDesc/correspDesc/correspAction ! map {
                  'label': ed:term((@type, 'correspAction')[1]), 'nodes': *, 'separator': ', ' }),
              map { 'label': 'Note', 'nodes': $header/profileDesc/correspDesc/note }"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="web:about-section">
      <xsl:with-param name="id" select="'witnesses'"/>
      <xsl:with-param name="content" as="node()*">
        <xsl:call-template name="web:provenance"/>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="web:about-section">
      <xsl:with-param name="id" select="'declarations'"/>
      <xsl:with-param name="content" as="node()*">
        <xsl:for-each select="$header/encodingDesc/editorialDecl/*">
          <xsl:choose>
            <xsl:when test="self::p">
              <xsl:apply-templates select="."/>
            </xsl:when>
            <xsl:otherwise>
              <h3>{web:title-case(ed:term(local-name()))}</h3>
              <xsl:apply-templates/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
        <xsl:call-template name="web:emendations"/>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="web:about-section">
      <xsl:with-param name="id" select="'revisions'"/>
      <xsl:with-param name="content" as="node()*">
        <xsl:if test="$header/revisionDesc//change">
          <ul class="revisions">
            <xsl:for-each select="$header/revisionDesc//change">
              <li>
                <xsl:for-each select="(@when, @notAfter)[1]">
                  <time datetime="{.}">{ed:format-iso(.)}</time>
                  <xsl:text>: </xsl:text>
                </xsl:for-each>
                <xsl:apply-templates/>
                <xsl:for-each select="ed:targets(@who)">
                  <xsl:text> ({ed:text(.)})</xsl:text>
                </xsl:for-each>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:if>
        <xsl:apply-templates select="$header/revisionDesc/p"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="web:about-section">
    <xsl:param name="id" as="xs:string" required="yes"/>
    <xsl:param name="content" as="node()*" required="yes"/>
    <xsl:if test="exists($content)">
      <section class="about-section" id="{$id}" aria-labelledby="{$id}-heading">
        <h2 id="{$id}-heading">{$web:about-sections($id)}</h2>
        <xsl:sequence select="$content"/>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- A description list from facts: map { label, value | nodes, separator? }; empty facts are left out. -->
  <xsl:template name="web:facts">
    <xsl:param name="facts" as="map(*)*" required="yes"/>
    <xsl:variable name="present" select="$facts[normalize-space(?value) or exists(?nodes)]"/>
    <xsl:if test="exists($present)">
      <dl class="facts">
        <xsl:for-each select="$present">
          <xsl:variable name="fact" select="."/>
          <dt>{?label}</dt>
          <xsl:choose>
            <xsl:when test="exists(?nodes)">
              <xsl:for-each-group select="?nodes" group-adjacent="ed:holds-blocks(.) or self::p">
                <dd>
                  <xsl:for-each select="current-group()">
                    <xsl:if test="position() gt 1">{($fact?separator, ' ')[1]}</xsl:if>
                    <xsl:apply-templates select="if (self::p and not(ed:holds-blocks(.))) then node() else ."/>
                  </xsl:for-each>
                </dd>
              </xsl:for-each-group>
            </xsl:when>
            <xsl:otherwise>
              <dd>{?value}</dd>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </dl>
    </xsl:if>
  </xsl:template>

  <xsl:function name="web:title-case" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="upper-case(substring($text, 1, 1)) || substring($text, 2)"/>
  </xsl:function>

  <!-- The provenance: the chain from the first witness to this edition, then the witnesses that
       are not linked to it. -->
  <xsl:template name="web:provenance">
    <xsl:variable name="chain" select="ed:provenance-chain(.)"/>
    <xsl:variable name="others" select="teiHeader/fileDesc/sourceDesc//bibl[@xml:id][not(ancestor::bibl)] except $chain"/>
    <xsl:for-each select="ed:provenance-svg(.)">
      <figure class="provenance-figure">
        <xsl:sequence select="."/>
        <figcaption>The chain of witnesses, from the earliest to this edition. A dashed frame: not seen by
          the editors; a dashed arrow: an inferred link; a heavy arrow: a translation. The list below says
          the same in full.</figcaption>
      </figure>
    </xsl:for-each>
    <xsl:if test="exists($chain)">
      <p class="chain-intro">From the earliest witness to this edition, in the order they came into being.
        Each step says what it derives from; a certainty is given where the encoding records one, and the
        notes say what has and has not been seen.</p>
      <ol class="chain">
        <xsl:apply-templates select="$chain" mode="web:witness"/>
        <xsl:call-template name="web:this-edition"/>
      </ol>
    </xsl:if>
    <xsl:if test="exists($others)">
      <h3>{if (exists($chain)) then 'Related documents' else 'Sources'}</h3>
      <ul class="chain chain-others">
        <xsl:apply-templates select="$others" mode="web:witness">
          <xsl:with-param name="level" select="4"/>
        </xsl:apply-templates>
      </ul>
    </xsl:if>
    <xsl:apply-templates select="teiHeader/fileDesc/sourceDesc/listWit" mode="web:sigla"/>
    <xsl:if test="empty(($chain, $others))">
      <xsl:apply-templates select="teiHeader/fileDesc/sourceDesc/node()"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="bibl" mode="web:witness">
    <xsl:param name="level" as="xs:integer" select="3"/>
    <li class="witness{@type ! (' witness-' || .)}" id="{@xml:id}">
      <p class="witness-when">
        <xsl:choose>
          <!-- one date style on the page: the normalised value in words, else the date as encoded -->
          <xsl:when test="date[1]/@when castable as xs:date or date[1]/@when castable as xs:gYear">
            <time datetime="{date[1]/@when}">{ed:format-iso(date[1]/@when)}</time>
          </xsl:when>
          <xsl:when test="date"><xsl:apply-templates select="date[1]"/></xsl:when>
          <xsl:otherwise>Date not recorded</xsl:otherwise>
        </xsl:choose>
      </p>
      <xsl:element name="h{$level}">
        <xsl:attribute name="class" select="'witness-name'"/>
        <xsl:text>{web:typographic(ed:witness-label(.))}</xsl:text>
      </xsl:element>
      <p class="witness-detail">
        <xsl:variable name="language" select="textLang/@mainLang"/>
        <!-- the heading already gives the witness's name -->
        <xsl:variable name="details" as="element()*"
                      select="(title, author, editor, publisher, pubPlace, biblScope, placeName) except ed:witness-name(.)"/>
        <xsl:for-each select="$details">
          <xsl:if test="position() gt 1">, </xsl:if>
          <xsl:value-of select="map { 'author': 'by ', 'editor': 'edited by ', 'biblScope': (@unit, 'part')[1] || ' ' }(local-name())"/>
          <xsl:choose>
            <!-- a title is in the language of what it names -->
            <xsl:when test="self::title and $language">
              <span lang="{$language}"><xsl:apply-templates select="."/></span>
            </xsl:when>
            <xsl:otherwise>
              <xsl:apply-templates select="."/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
        <!-- a comma between parts, none before the first: a witness may have only its name and an address -->
        <xsl:for-each select="ptr[@target], ref[@target]">
          <xsl:if test="exists($details) or position() gt 1">, </xsl:if>
          <xsl:apply-templates select="."/>
        </xsl:for-each>
      </p>
      <xsl:for-each select="relatedItem[@target]">
        <p class="witness-relation">
          <span class="relation-type">{web:title-case(ed:term((@type, 'relatedItem')[1]))}</span>
          <xsl:text> </xsl:text>
          <xsl:for-each select="ed:targets(@target)[1]">
            <a href="#{@xml:id}">{web:typographic(ed:witness-label(.))}</a>
          </xsl:for-each>
          <xsl:for-each select="ed:cert-label(@cert)"> ({.})</xsl:for-each>
        </p>
      </xsl:for-each>
      <xsl:for-each select="textLang">
        <p class="witness-lang">
          <xsl:if test="not(matches(., '^\s*language', 'i'))">Language: </xsl:if>
          <xsl:apply-templates/>
        </p>
      </xsl:for-each>
      <xsl:for-each select="@cert[ed:cert-label(.)]">
        <p class="witness-cert cert-{.}">Certainty: {ed:cert-label(.)}</p>
      </xsl:for-each>
      <xsl:for-each select="note">
        <p class="witness-note">
          <xsl:if test="@type">
            <span class="note-type">{web:title-case(@type)}:</span>
            <xsl:text> </xsl:text>
          </xsl:if>
          <xsl:apply-templates/>
        </p>
      </xsl:for-each>
    </li>
  </xsl:template>

  <!-- The last step: this edition, of its copy-text, emended from the witnesses its corrections name. -->
  <xsl:template name="web:this-edition">
    <xsl:variable name="edition" select="teiHeader/fileDesc/editionStmt"/>
    <xsl:variable name="emended-from" select="(text//(corr | reg | expan) ! ed:source-witnesses(.))/."/>
    <li class="witness witness-edition" id="this-edition">
      <p class="witness-when">
        <xsl:apply-templates select="($edition//date, teiHeader/fileDesc/publicationStmt/date)[1]"/>
      </p>
      <h3 class="witness-name">{ed:term('this-edition')}</h3>
      <p class="witness-detail">
        <xsl:apply-templates select="$edition/edition/node()"/>
        <xsl:for-each select="teiHeader/fileDesc/publicationStmt/publisher">
          <xsl:text>, </xsl:text>
          <xsl:apply-templates/>
        </xsl:for-each>
      </p>
      <xsl:for-each select="ed:copy-text(.)[@xml:id]">
        <p class="witness-relation">
          <span class="relation-type">Edition of</span>
          <xsl:text> </xsl:text>
          <a href="#{@xml:id}">{web:typographic(ed:witness-label(.))}</a>
          <xsl:text> (the copy-text)</xsl:text>
        </p>
      </xsl:for-each>
      <xsl:if test="exists($emended-from)">
        <p class="witness-relation">
          <span class="relation-type">Emended from</span>
          <xsl:text> </xsl:text>
          <xsl:for-each select="$emended-from">
            <xsl:if test="position() gt 1">; </xsl:if>
            <a href="#{@xml:id}">{web:typographic(ed:witness-label(.))}</a>
          </xsl:for-each>
          <xsl:text> (see the emendations under </xsl:text>
          <a href="#declarations">{$web:about-sections('declarations')}</a>
          <xsl:text>)</xsl:text>
        </p>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- Every emendation of the text, where it is, and on whose authority. -->
  <xsl:template name="web:emendations">
    <xsl:variable name="choices" select="text//choice[exists(ed:chosen(., 'corrected')) and exists(ed:chosen(., 'diplomatic'))]"/>
    <xsl:if test="exists($choices)">
      <h3 id="emendations">Emendations</h3>
      <div class="table-frame" role="region" tabindex="0" aria-labelledby="emendations">
        <table class="emendations">
          <thead>
            <tr><th scope="col">Where</th><th scope="col">Copy-text</th><th scope="col">This edition</th><th scope="col">Authority</th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="$choices">
              <xsl:variable name="corrected" select="ed:chosen(., 'corrected')"/>
              <tr>
                <td><a href="{web:href(., '../')}">{web:typographic(ed:anchor-label(ed:anchor(.)))}</a></td>
                <td>{string-join(ed:chosen(., 'diplomatic') ! ed:text(.), ' ')}</td>
                <td>{string-join($corrected ! ed:text(.), ' ')}</td>
                <td>{string-join($corrected ! web:reading-source(.), '; ') => ed:or(ed:term(local-name($corrected[1])))}</td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
