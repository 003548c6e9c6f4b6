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

  <xsl:template name="web:home-page">
    <xsl:variable name="texts" select="$ed:edition//ed:document[@has-text = 'true']/TEI"/>
    <xsl:call-template name="web:page">
      <xsl:with-param name="title" select="string($ed:settings/@title)"/>
      <xsl:with-param name="page" select="'home'"/>
      <xsl:with-param name="path" select="'index.html'"/>
      <xsl:with-param name="content" as="node()*">
        <article class="home" aria-labelledby="home-title">
          <header class="document-header">
            <h1 id="home-title">{$ed:settings/@title}</h1>
            <p class="home-intro">A digital scholarly edition published by {$ed:settings/@publisher}:
              {count($texts)} {if (count($texts) = 1) then 'text' else 'texts'} encoded in TEI, with a register
              of the persons, places, organisations and events {if (count($texts) = 1) then 'it names' else 'they name'}.</p>
          </header>
          <section class="home-texts" aria-labelledby="texts-heading">
            <h2 id="texts-heading">{ed:label('contents')}</h2>
            <xsl:apply-templates select="$texts" mode="web:text-card">
              <xsl:with-param name="root" select="''" tunnel="yes"/>
            </xsl:apply-templates>
          </section>
          <xsl:if test="exists($ed:register-kinds)">
            <section class="home-register" aria-labelledby="register-heading">
              <h2 id="register-heading">{ed:label('register')}</h2>
              <ul class="register-kinds">
                <xsl:for-each select="$ed:register-kinds">
                  <li><a href="{web:register-href(., '')}">{ed:label(.)}</a> ({count(ed:entities(.))})</li>
                </xsl:for-each>
              </ul>
            </section>
          </xsl:if>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

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
