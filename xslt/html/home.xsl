<?xml version="1.0" encoding="UTF-8"?>
<!-- The edition's home page: what it is, its texts, its register. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:web="urn:editio:web"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The home page introduces the text (the TEI's front matter, else what its header says of its
       making), then the ways in: read, register, provenance, downloads. An edition of several texts
       lists them instead. -->
  <xsl:template name="web:home-page">
    <xsl:variable name="documents" select="$ed:edition/ed:edition/ed:document[@has-text = 'true']"/>
    <xsl:variable name="texts" select="$documents/TEI"/>
    <xsl:variable name="single" select="$texts[count($documents) = 1]"/>
    <xsl:call-template name="web:page">
      <xsl:with-param name="title" select="string($ed:settings/@title)"/>
      <xsl:with-param name="page" select="'home'"/>
      <xsl:with-param name="path" select="'index.html'"/>
      <xsl:with-param name="content" as="node()*">
        <article class="home" aria-labelledby="home-title">
          <xsl:choose>
            <xsl:when test="$single">
              <xsl:for-each select="$single">
                <header class="document-header">
                  <xsl:if test="exists(ed:authors(.))">
                    <p class="doc-author">{string-join(ed:authors(.), ', ')}</p>
                  </xsl:if>
                  <h1 id="home-title">{ed:display-title(.)}</h1>
                </header>
                <div class="home-intro">
                  <xsl:variable name="introduction" select="text/front/(div, div1, argument, p)"/>
                  <xsl:choose>
                    <xsl:when test="exists($introduction)">
                      <xsl:apply-templates select="$introduction">
                        <xsl:with-param name="root" select="''" tunnel="yes"/>
                      </xsl:apply-templates>
                    </xsl:when>
                    <xsl:otherwise>
                      <xsl:for-each select="teiHeader/profileDesc/creation[normalize-space()]">
                        <p><xsl:apply-templates>
                          <xsl:with-param name="root" select="''" tunnel="yes"/>
                        </xsl:apply-templates></p>
                      </xsl:for-each>
                    </xsl:otherwise>
                  </xsl:choose>
                </div>
                <xsl:call-template name="web:ways-in"/>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <header class="document-header">
                <h1 id="home-title">{$ed:settings/@title}</h1>
                <xsl:if test="exists($web:letters)">
                  <p class="register-intro">{web:letters-summary($web:letters)}.</p>
                  <xsl:call-template name="web:letters-nav">
                    <xsl:with-param name="root" select="''"/>
                  </xsl:call-template>
                </xsl:if>
              </header>
              <section class="home-texts" aria-labelledby="texts-heading">
                <h2 id="texts-heading">{ed:label('contents')}</h2>
                <xsl:choose>
                  <xsl:when test="exists($web:letters)">
                    <xsl:call-template name="web:letters-table">
                      <xsl:with-param name="letters" select="$web:letters"/>
                    </xsl:call-template>
                  </xsl:when>
                  <xsl:when test="count($texts) = count($documents)">
                    <xsl:apply-templates select="$texts" mode="web:text-card">
                      <xsl:with-param name="root" select="''" tunnel="yes"/>
                    </xsl:apply-templates>
                  </xsl:when>
                  <xsl:otherwise>
                    <ul class="way-links">
                      <xsl:for-each select="$documents/ed:facts">
                        <li><a href="{@id}.html"><cite>{@title}</cite></a></li>
                      </xsl:for-each>
                    </ul>
                  </xsl:otherwise>
                </xsl:choose>
              </section>
            </xsl:otherwise>
          </xsl:choose>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="web:ways-in">
    <xsl:variable name="id" select="ed:document-id(.)"/>
    <xsl:variable name="parts" select="text/(front, body, back)/*[matches(local-name(), '^div[1]?$')]"/>
    <xsl:variable name="chain" select="ed:provenance-chain(.)"/>
    <ul class="ways-in">
      <li>
        <h2><a href="{web:document-href(., '')}">Read the text</a></h2>
        <p>In the corrected reading or as the copy-text prints it, or both side by side; with notes,
          and the names linked to the register.</p>
        <xsl:if test="count($parts) gt 1">
          <ul class="way-links">
            <xsl:for-each select="$parts">
              <li><a href="{web:document-href(ancestor::TEI[1], '')}#{ed:id(.)}">{web:part-label(.)}</a></li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </li>
      <xsl:if test="exists($ed:register-kinds)">
        <li>
          <h2><a href="register/index.html">{ed:label('register')}</a></h2>
          <ul class="way-links">
            <xsl:for-each select="$ed:register-kinds">
              <li><a href="{web:register-href(., '')}">{ed:label(.)}</a> ({count(ed:entities(.))})</li>
            </xsl:for-each>
          </ul>
        </li>
      </xsl:if>
      <xsl:if test="exists($chain)">
        <li>
          <h2><a href="{web:about-href(., '')}#witnesses">{ed:label('provenance')}</a></h2>
          <p>How the text came to us: {count($chain)} witnesses, from {web:typographic(ed:witness-label($chain[1]))}
            to {web:typographic(ed:witness-label($chain[last()]))}, drawn and described.</p>
        </li>
      </xsl:if>
      <li>
        <h2 id="downloads-heading">Downloads</h2>
        <ul class="way-links" aria-labelledby="downloads-heading">
          <xsl:if test="$has-pdf">
            <li><a href="pdf/{$id}.pdf">PDF (print edition)</a></li>
          </xsl:if>
          <li><a href="text/{$id}.txt">Plain text</a></li>
          <li><a href="tei/{ancestor::ed:document/@file}">TEI XML</a></li>
          <xsl:for-each select="tokenize($metadata-files)">
            <xsl:variable name="format" select="substring-before(., '=')"/>
            <li><a href="metadata/{$id}{substring-after(., '=')}">{($web:metadata-labels($format), $format)[1]}</a></li>
          </xsl:for-each>
        </ul>
        <p><a href="{web:about-href(., '')}">{ed:label('about')}</a>: its writing, witnesses and editing.</p>
      </li>
    </ul>
  </xsl:template>

  <!-- From this many texts, mostly letters, the contents are a table of letters by year, not cards,
       and the edition has its letters pages (letters.xsl). -->
  <xsl:param name="web:letters-table-from" as="xs:integer" select="12"/>

  <!-- A correspondence's letters in date order (their facts), a table per year, with a list of the
       years: who wrote to whom, where and when, readable without script. Undated letters come last. -->
  <xsl:template name="web:letters-table">
    <xsl:param name="letters" as="element(ed:facts)*"/>
    <xsl:variable name="years" select="distinct-values($letters ! web:year(.))"/>
    <nav class="letter-years" aria-label="Years">
      <ul>
        <xsl:for-each select="$years">
          <li><a href="#year-{.}">{if (. = 'undated') then 'Undated' else .}</a></li>
        </xsl:for-each>
      </ul>
    </nav>
    <xsl:for-each-group select="$letters" group-adjacent="web:year(.)">
      <section class="letter-year" aria-labelledby="year-{current-grouping-key()}">
        <h3 id="year-{current-grouping-key()}">{if (current-grouping-key() = 'undated') then 'Undated' else current-grouping-key()}
          <span class="count">({count(current-group())})</span></h3>
        <table class="letters">
          <thead><tr><th scope="col">Date</th><th scope="col">Letter</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Place</th></tr></thead>
          <tbody>
            <xsl:for-each select="current-group()">
              <tr>
                <td>{ed:date}</td>
                <td><a href="{@id}.html">{@title}</a></td>
                <td>{web:parties(., 'sent')}</td>
                <td>{web:parties(., 'received')}</td>
                <td>{string-join(ed:action[@type = 'sent']/ed:place ! normalize-space(.), ', ')}</td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </section>
    </xsl:for-each-group>
  </xsl:template>

  <!-- The people (or bodies) of correspondence actions, by their register name, else as written. -->
  <xsl:function name="web:correspondents" as="xs:string*">
    <xsl:param name="actions" as="element(correspAction)*"/>
    <xsl:sequence select="$actions/(persName, orgName, name, rs) ! (ed:entity-name(ed:entity(@ref, .)) => ed:or(ed:display-name(.)))"/>
  </xsl:function>

  <xsl:mode name="web:text-card" on-no-match="deep-skip"/>

  <!-- A text: title, author, what it is, its parts and its other forms. -->
  <xsl:template match="TEI" mode="web:text-card">
    <article class="text-card" aria-labelledby="{ed:document-id(.)}-title">
      <h3 id="{ed:document-id(.)}-title"><a href="{web:document-href(., '')}">{ed:display-title(.)}</a></h3>
      <xsl:if test="exists(ed:authors(.))">
        <p class="doc-author">{string-join(ed:authors(.), ', ')}</p>
      </xsl:if>
      <xsl:apply-templates select="teiHeader/encodingDesc/projectDesc/p"/>
      <xsl:variable name="parts" select="text/(front, body, back)/*[matches(local-name(), '^div[1]?$')]"/>
      <xsl:if test="count($parts) gt 1">
        <ol class="text-parts">
          <xsl:for-each select="$parts">
            <li><a href="{web:document-href(ancestor::TEI[1], '')}#{ed:id(.)}">{web:part-label(.)}</a></li>
          </xsl:for-each>
        </ol>
      </xsl:if>
      <p class="text-links">
        <a href="{web:document-href(., '')}">Read the text</a>
        <xsl:text> · </xsl:text>
        <a href="{web:about-href(., '')}">{ed:label('about')}</a>
        <xsl:text> · </xsl:text>
        <xsl:if test="$has-pdf">
          <a href="pdf/{ed:document-id(.)}.pdf">PDF</a>
          <xsl:text> · </xsl:text>
        </xsl:if>
        <a href="text/{ed:document-id(.)}.txt">Plain text</a>
        <xsl:text> · </xsl:text>
        <a href="tei/{ancestor::ed:document/@file}">TEI XML</a>
      </p>
    </article>
  </xsl:template>

</xsl:stylesheet>
