<?xml version="1.0" encoding="UTF-8"?>
<!--
  The apparatus in the web edition: the list of emendations and the collation, at the back of the reading
  page, and the variants of each paragraph under it. Readers see sigla (AL-2012, AL-2019, B1927 …) and
  plain words for the kinds of difference, never the encoding.

  A standoff listApp (TEI back) holds one app per variant, pointing with @corresp to its paragraph; lem and
  rdg name their witnesses by siglum (@wit → listWit/witness/@n).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:web="urn:editio:web"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="../collation-common.xsl"/>

  <!-- The back of the text: the emendations first, then the editors' divisions (the collation). -->
  <xsl:template match="back[.//listApp]">
    <div class="tei-back">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:call-template name="web:emendation-list"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- Every reading the edition adopts against the copy-text, with its evidence. -->
  <xsl:template name="web:emendation-list">
    <xsl:variable name="choices" select="ancestor::text[last()]//choice[ancestor::body]"/>
    <xsl:if test="exists($choices)">
      <section id="emendations" class="emendations">
        <h2 id="emendations-heading">Emendations</h2>
        <p>Every place where this edition reads otherwise than the copy-text (AL-2012), and the evidence for
          it. The diplomatic reading shows the copy-text as printed.</p>
        <div class="table-frame" role="region" tabindex="0" aria-labelledby="emendations-heading">
        <table class="emendations-table">
          <thead>
            <tr><th scope="col">Where</th><th scope="col">AL-2012 reads</th><th scope="col">This edition reads</th>
              <th scope="col">Evidence</th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="$choices">
              <xsl:variable name="adopted" select="(corr, reg, expan)[1]"/>
              <xsl:variable name="unit" select="ed:unit(.)"/>
              <tr>
                <th scope="row"><a href="#{ed:id($unit)}">{ed:unit-label($unit)}</a></th>
                <td>{ed:reading-in-context((sic, orig, abbr)[1])}</td>
                <td>{ed:reading-in-context($adopted)}</td>
                <td>{ed:emendation-evidence($adopted)}</td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        </div>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- A collation as a table, one group of rows per paragraph. -->
  <xsl:template match="listApp">
    <section class="collation collation-{@type}">
      <xsl:call-template name="web:id"/>
      <xsl:apply-templates select="head"/>
      <xsl:if test="@type = 'collation'">
        <p>Every difference between the copy-text (AL-2012) and The Anarchist Library's proofread text of 2019
          (AL-2019), found by comparing the two word by word. Differences of wording, a missing full stop and a
          stray space are adopted (see the emendations); dashes, spaced ellipses, hyphens, capitals and italics
          are the copy-text's typography and are kept.</p>
      </xsl:if>
      <div class="table-frame" role="region" tabindex="0" aria-label="{(head ! ed:text(.), 'Collation')[1]}">
      <table class="collation-table">
        <thead>
          <tr><th scope="col">Where</th><th scope="col">Lemma</th><th scope="col">Reading</th>
            <th scope="col">Kind</th></tr>
        </thead>
        <xsl:for-each-group select="app" group-adjacent="string(@corresp)">
          <xsl:variable name="unit" select="ed:targets(current-group()[1]/@corresp)[1]"/>
          <tbody>
            <xsl:for-each select="current-group()">
              <tr id="{ed:id(.)}">
                <xsl:if test="position() = 1">
                  <th scope="rowgroup" rowspan="{count(current-group())}">
                    <a href="#{$unit ! ed:id(.)}">{ed:unit-label($unit)}</a>
                  </th>
                </xsl:if>
                <td><xsl:apply-templates select="lem"/></td>
                <td><xsl:apply-templates select="rdg"/></td>
                <td>{ed:variant-kind(.)}</td>
              </tr>
            </xsl:for-each>
          </tbody>
        </xsl:for-each-group>
      </table>
      </div>
    </section>
  </xsl:template>

  <xsl:template match="listApp/head">
    <h3>
      <xsl:apply-templates/>
    </h3>
  </xsl:template>

  <!-- A reading and its sigla: "and AL-2019". -->
  <xsl:template match="lem | rdg">
    <span class="reading">
      <xsl:for-each select="@xml:lang">
        <xsl:attribute name="lang" select="."/>
      </xsl:for-each>
      <xsl:apply-templates/>
    </span>
    <xsl:text> </xsl:text>
    <span class="sigla">{ed:sigla(.)}</span>
  </xsl:template>

  <!-- Whether each paragraph is followed by its variants (the book, print.xsl, gives them in its appendix). -->
  <xsl:variable name="web:variants-under-paragraphs" as="xs:boolean" select="true()"/>

  <!-- Per paragraph: the variants of the witnesses, under the paragraph they belong to, in the apparatus's
       small type; hidden until the reader asks for them ("Show in the text": Variants), so the text reads
       on uninterrupted. -->
  <xsl:template match="p[@xml:id][ancestor::body] | dateline[@xml:id] | head[@xml:id][ancestor::body]" priority="2">
    <xsl:next-match/>
    <xsl:variable name="apps" select="key('ed:apps-by-unit', '#' || @xml:id)"/>
    <xsl:if test="$web:variants-under-paragraphs and exists($apps)">
      <div class="paragraph-variants" role="note" aria-label="Variants of {ed:unit-label(.)}">
        <ul>
          <xsl:for-each select="$apps">
            <li><a href="#{ed:id(.)}"><xsl:apply-templates select="lem/node()"/></a>] <xsl:for-each
                select="rdg"><xsl:if test="position() gt 1">; </xsl:if><xsl:apply-templates select="node()"/>
                <xsl:text> </xsl:text><span class="sigla">{ed:sigla(.)}</span></xsl:for-each></li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- The witnesses by siglum (about page): each siglum, what it stands for and how it was read, with a link
       to its place in the chain. -->
  <xsl:template match="listWit" mode="web:sigla">
    <h3 id="{(@xml:id, 'sigla')[1]}">{(head ! ed:text(.), 'Witnesses by siglum')[1]}</h3>
    <dl class="sigla-list">
      <xsl:for-each select="witness">
        <dt id="{@xml:id}">{@n}</dt>
        <dd>
          <xsl:apply-templates/>
          <xsl:for-each select="ed:targets(@corresp)[self::bibl][@xml:id]">
            <xsl:text> </xsl:text>
            <a href="#{@xml:id}">See the chain.</a>
          </xsl:for-each>
        </dd>
      </xsl:for-each>
    </dl>
  </xsl:template>

</xsl:stylesheet>
