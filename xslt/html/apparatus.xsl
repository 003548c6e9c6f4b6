<?xml version="1.0" encoding="UTF-8"?>
<!--
  Behaviours "choice", "reading", "addition", "deletion", "gap", "unclear", "supplied", "note" and
  "page-break" (xslt/behaviours.xsl). Both readings are in the page; the reading switch (CSS, no script needed) shows one,
  and each alternate shows the other on hover and focus.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:web="urn:editio:web"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Notes as a numbered list at the end of the document. -->
  <xsl:mode name="web:endnote" on-no-match="deep-skip"/>

  <!-- Whether a document has two readings to switch between. -->
  <xsl:function name="web:has-readings" as="xs:boolean">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="exists($tei/text//(choice | add | del))"/>
  </xsl:function>

  <!-- Behaviour "alternate": both readings, each marked with the reading it belongs to. Inside a
       link, the alternate cannot take focus itself: the link's hover and focus show it. -->
  <xsl:template _match="{$ed:match?choice}">
    <xsl:variable name="corrected" select="ed:chosen(., 'corrected')"/>
    <xsl:variable name="diplomatic" select="ed:chosen(., 'diplomatic')"/>
    <xsl:choose>
      <xsl:when test="empty(($corrected, $diplomatic))">
        <xsl:message>html: {ed:document-id(.)}: a choice of {string-join(* ! name(), ', ')} has no reading policy; its first alternative is shown</xsl:message>
        <xsl:apply-templates select="ed:shown(., 'corrected')/node()"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="info-id" select="ed:id(.) || '-info'"/>
        <span class="choice choice-{local-name(($diplomatic, $corrected)[1])}">
          <xsl:if test="not(web:in-link(.))">
            <xsl:attribute name="tabindex" select="0"/>
            <xsl:attribute name="aria-describedby" select="$info-id"/>
          </xsl:if>
          <span class="r-corrected">
            <xsl:apply-templates select="$corrected[1]" mode="web:attributes"/>
            <xsl:apply-templates select="$corrected/node()"/>
          </span>
          <span class="r-diplomatic">
            <xsl:apply-templates select="$diplomatic[1]" mode="web:attributes"/>
            <xsl:apply-templates select="$diplomatic/node()"/>
          </span>
          <span class="choice-info" role="tooltip" id="{$info-id}">
            <xsl:for-each select="$diplomatic, $corrected">
              <span class="choice-reading">
                <span class="choice-label">{ed:term(local-name())}</span>
                <xsl:text> </xsl:text>
                <i>{ed:text(.) => ed:or('—')}</i>
                <xsl:for-each select="web:reading-source(.)">
                  <span class="choice-source"> ({.})</span>
                </xsl:for-each>
              </span>
            </xsl:for-each>
          </span>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Where a corrected or regularised reading comes from. -->
  <xsl:function name="web:reading-source" as="xs:string?">
    <xsl:param name="reading" as="element()"/>
    <xsl:variable name="witnesses" select="ed:source-witnesses($reading) ! web:typographic(ed:witness-label(.))"/>
    <xsl:sequence select="if (exists($witnesses)) then 'as in ' || string-join($witnesses, '; ')
                          else if ($reading[self::corr]) then ed:term('no-source') else ()"/>
  </xsl:function>

  <!-- Behaviour "reading": readings outside a choice; a sic alone says so. -->
  <xsl:template _match="{$ed:match?reading}">
    <span class="tei-{local-name()}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:apply-templates/>
    </span>
    <xsl:variable name="name" select="local-name()"/>
    <xsl:for-each select="$ed:editorial-marks($name)[2]">
      <span class="{$name}-mark">{.}</span>
    </xsl:for-each>
  </xsl:template>

  <!-- Additions are read in both readings; deletions only in the diplomatic one. -->
  <!-- Behaviour "addition". -->
  <xsl:template _match="{$ed:match?addition}">
    <ins class="tei-add">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:apply-templates/>
    </ins>
  </xsl:template>

  <!-- Behaviour "deletion". -->
  <xsl:template _match="{$ed:match?deletion}">
    <del class="tei-del r-diplomatic">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:apply-templates/>
    </del>
  </xsl:template>

  <!-- The editors' own prose (header, register, notes) is set with typographic apostrophes; the
       transcribed text keeps the copy-text's marks as they stand (editorialDecl/quotation). -->
  <xsl:template match="text()[web:is-editors-prose(.)]">
    <xsl:value-of select="web:typographic(.)"/>
  </xsl:template>

  <xsl:function name="web:is-editors-prose" as="xs:boolean">
    <xsl:param name="text" as="text()"/>
    <xsl:sequence select="$web:screen and contains($text, &quot;'&quot;)
        and exists($text/ancestor::*[self::teiHeader or self::standOff or self::ed:register or self::note[ancestor::text]])"/>
  </xsl:function>

  <xsl:function name="web:typographic" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="if ($web:screen) then replace($text, &quot;'&quot;, '’') else $text"/>
  </xsl:function>

  <!-- Behaviours "gap", "unclear" and "supplied": what the editors could not read, or added. -->
  <xsl:template _match="{$ed:match?gap}">
    <xsl:variable name="extent" select="string-join((@quantity, @unit, @extent), ' ')"/>
    <xsl:variable name="reason" select="string-join((@reason, @agent), ', ')"/>
    <span class="tei-gap">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:text>{$ed:editorial-marks?gap[1]}</xsl:text>
      <span class="visually-hidden"> (gap{$extent[. != ''] ! (': ' || .)}{$reason[. != ''] ! (', ' || .)})</span>
    </span>
  </xsl:template>

  <xsl:template _match="{$ed:match?unclear}">
    <span class="tei-unclear">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:apply-templates/>
      <span class="unclear-mark">
        <xsl:text>[?</xsl:text>
        <span class="visually-hidden">: unclear{@reason ! (', ' || .)}</span>
        <xsl:text>]</xsl:text>
      </span>
    </span>
  </xsl:template>

  <xsl:template _match="{$ed:match?supplied}">
    <xsl:variable name="marks" select="$ed:editorial-marks(local-name())"/>
    <span class="tei-{local-name()}">
      <xsl:apply-templates select="." mode="web:attributes"/>
      <xsl:text>{$marks[1]}</xsl:text>
      <xsl:apply-templates/>
      <xsl:text>{$marks[2]}</xsl:text>
    </span>
  </xsl:template>

  <!-- Behaviour "note": a numbered reference here, the note itself once, in the list at the end:
       edition.js sets it beside its reference on wide screens and opens it in place on phones. -->
  <xsl:template _match="{$ed:match?note}">
    <xsl:variable name="number" select="ed:note-number(.)"/>
    <sup class="noteref">
      <xsl:choose>
        <xsl:when test="web:in-link(.)">{$number}</xsl:when>
        <xsl:otherwise>
          <a id="noteref-{ed:id(.)}" href="#{ed:id(.)}" role="doc-noteref"
             aria-label="{ed:term('note')} {$number}">{$number}</a>
        </xsl:otherwise>
      </xsl:choose>
    </sup>
  </xsl:template>

  <!-- The notes of the text, numbered, each with a link back to its reference. -->
  <xsl:template name="web:notes">
    <xsl:variable name="notes" select="ed:text-notes(.)"/>
    <xsl:if test="exists($notes)">
      <section class="notes" role="doc-endnotes" aria-labelledby="notes-heading">
        <h2 id="notes-heading">{ed:term('notes')}</h2>
        <ol class="notes-list">
          <xsl:apply-templates select="$notes" mode="web:endnote"/>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="note" mode="web:endnote">
    <xsl:variable name="number" select="ed:note-number(.)"/>
    <li id="{ed:id(.)}" value="{$number}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:call-template name="web:note-body">
        <xsl:with-param name="label" as="node()*">
          <xsl:if test="@type and @type != 'editorial'">
            <span class="note-type">{@type}</span>
          </xsl:if>
          <!-- textual notes (on the words) apart from commentary (on the matter) -->
          <xsl:for-each select="@subtype">
            <span class="note-type">{ed:term(.)}</span>
            <xsl:text> </xsl:text>
          </xsl:for-each>
        </xsl:with-param>
        <xsl:with-param name="after" as="node()*">
          <xsl:if test="not(web:in-link(.))">
            <a class="backlink" href="#noteref-{ed:id(.)}" role="doc-backlink"
               aria-label="Back to note reference {$number}">&#x21A9;&#xFE0E;</a>
          </xsl:if>
        </xsl:with-param>
      </xsl:call-template>
    </li>
  </xsl:template>

  <!-- A note's content as paragraphs, with something before and after it. -->
  <xsl:template name="web:note-body">
    <xsl:param name="label" as="node()*" select="()"/>
    <xsl:param name="after" as="node()*" select="()"/>
    <xsl:choose>
      <xsl:when test="ed:holds-blocks(.)">
        <xsl:if test="exists($label)"><p class="note-label"><xsl:sequence select="$label"/></p></xsl:if>
        <xsl:apply-templates/>
        <xsl:if test="exists($after)"><p class="note-after"><xsl:sequence select="$after"/></p></xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <p>
          <xsl:sequence select="$label"/>
          <xsl:if test="exists($label)"><xsl:text> </xsl:text></xsl:if>
          <xsl:apply-templates/>
          <xsl:if test="exists($after)"><xsl:text> </xsl:text></xsl:if>
          <xsl:sequence select="$after"/>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Behaviour "page break": a thin bar in the text, the source's page number in the margin
       (beside the text on phones), its certainty in words. A number the encoding already brackets
       ("[5/6]", inferred) keeps its brackets; a number less than certain gets a question mark. -->
  <xsl:template _match="{$ed:match?page-break}">
    <xsl:variable name="witness" select="ed:targets(@edRef)[1] ! ed:witness-label(.)"/>
    <xsl:variable name="cert" select="ed:cert-label(@cert)"/>
    <xsl:variable name="description" select="string-join((
        'Page ' || (@n, 'break')[1] || $witness ! (' of ' || .), $cert ! ('the page number is ' || .)), '; ')"/>
    <span class="tei-pb" id="{ed:id(.)}" title="{$description}">
      <span class="pb-mark" aria-hidden="true">‖</span>
      <span class="pb-label" aria-hidden="true">{if (@n) then 'p. ' || @n else 'page'}{if (@cert[. != 'high']) then '?' else ''}</span>
      <span class="visually-hidden"> ({$description}) </span>
    </span>
  </xsl:template>

</xsl:stylesheet>
