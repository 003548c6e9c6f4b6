<?xml version="1.0" encoding="UTF-8"?>
<!--
  The pages a correspondence needs, made from the documents' facts (xslt/facts.xsl; the context is
  the facts edition of facts.py, never the letters themselves):

    call web:letters-page          every letter: date, sender, recipient, places   (letters/index.html)
    call web:calendar-page         letters by year and month                      (letters/calendar.html)
    call web:correspondents-page   who wrote to whom, how often, when             (letters/correspondents.html)
    call web:places-page           where letters were written and received        (letters/places.html)

  Each is empty for an edition that is not a correspondence of at least $web:letters-table-from
  letters: an edition of one text keeps its own pages. And on a letter's reading page,
  web:letter-neighbours: the previous and next letter in the correspondence (correspContext) and in
  date order (the $neighbours the build gives the page, facts.py).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:web="urn:editio:web"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The previous and next letter in date order (facts.py: neighbours), for a reading page. -->
  <xsl:param name="neighbours" as="document-node()?" select="()"/>

  <!-- Every text's facts, in the edition's document order. -->
  <xsl:variable name="web:facts" as="element(ed:facts)*" select="$ed:edition/ed:edition/ed:document[@has-text = 'true']/ed:facts"/>

  <!-- The letters of a correspondence, in date order (undated last), when the edition is one. -->
  <xsl:variable name="web:letters" as="element(ed:facts)*">
    <xsl:if test="count($web:facts) ge $web:letters-table-from and count($web:facts[@type = 'letter']) * 2 gt count($web:facts)">
      <xsl:perform-sort select="$web:facts">
        <xsl:sort select="(ed:date/@sort[. != ''], '~')[1]"/>
        <xsl:sort select="@id"/>
      </xsl:perform-sort>
    </xsl:if>
  </xsl:variable>

  <!-- The corpus pages, as (file, title) in the order the navigation lists them. -->
  <xsl:variable name="web:letters-pages" as="map(xs:string, xs:string)*" select="
      map { 'file': 'index.html', 'title': 'Letters', 'entry': 'web:letters-page' },
      map { 'file': 'calendar.html', 'title': 'Letters by year and month', 'entry': 'web:calendar-page' },
      map { 'file': 'correspondents.html', 'title': 'Correspondents', 'entry': 'web:correspondents-page' },
      map { 'file': 'places.html', 'title': 'Places of writing', 'entry': 'web:places-page' }"/>

  <!-- ONE grouping of correspondents and places: by the register entry the reference resolves to
       (the merged register: "Tillich, Paul" in one letter and "Paul Tillich" in another are one
       person), else by the reference as written, else by the name. -->
  <xsl:function name="web:party-key" as="xs:string">
    <xsl:param name="party" as="element()"/>
    <xsl:variable name="ref" select="normalize-space($party/@ref)"/>
    <xsl:variable name="entry" select="if ($ref) then ed:entity($ref, $party) else ()"/>
    <xsl:sequence select="if ($entry/@xml:id) then 'entry ' || $entry/@xml:id
                          else if ($ref) then 'ref ' || $ref
                          else 'name ' || lower-case(normalize-space($party))"/>
  </xsl:function>

  <xsl:function name="web:party-id" as="xs:string">
    <xsl:param name="prefix" as="xs:string"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="$prefix || '-' || replace(replace($key, '^(entry|ref|name) #?', ''), '[^\p{L}\p{N}_-]+', '-')"/>
  </xsl:function>

  <xsl:function name="web:parties" as="xs:string">
    <xsl:param name="facts" as="element(ed:facts)"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="string-join($facts/ed:action[@type = $type]/(ed:person | ed:org) ! normalize-space(.), ', ')"/>
  </xsl:function>

  <xsl:function name="web:places" as="xs:string">
    <xsl:param name="facts" as="element(ed:facts)"/>
    <xsl:variable name="from" select="string-join(distinct-values($facts/ed:action[@type = 'sent']/ed:place ! normalize-space(.)), ', ')"/>
    <xsl:variable name="to" select="string-join(distinct-values($facts/ed:action[@type = 'received']/ed:place ! normalize-space(.)), ', ')"/>
    <xsl:sequence select="string-join(($from, $to)[. != ''], ' → ')"/>
  </xsl:function>

  <xsl:function name="web:year" as="xs:string">
    <xsl:param name="facts" as="element(ed:facts)"/>
    <xsl:sequence select="(substring($facts/ed:date/@sort, 1, 4)[matches(., '^\d{4}$')], 'undated')[1]"/>
  </xsl:function>

  <!-- "1905–1933", or one year, or nothing. -->
  <xsl:function name="web:span" as="xs:string">
    <xsl:param name="letters" as="element(ed:facts)*"/>
    <xsl:variable name="years" select="distinct-values($letters ! web:year(.))[. != 'undated']"/>
    <xsl:sequence select="string-join(distinct-values((min($years), max($years))), '–')"/>
  </xsl:function>

  <!-- "12 letters, 1898–1905": how many letters, and the years they span when any is dated. -->
  <xsl:function name="web:letters-summary" as="xs:string">
    <xsl:param name="letters" as="element(ed:facts)*"/>
    <xsl:sequence select="web:count(count($letters), 'letter') || (web:span($letters)[. != ''] ! (', ' || .))"/>
  </xsl:function>

  <!-- The corpus pages, linked (on the home page and on each of them). -->
  <xsl:template name="web:letters-nav">
    <xsl:param name="root" as="xs:string"/>
    <xsl:param name="current" as="xs:string" select="''"/>
    <nav class="document-contents letters-nav" aria-label="The letters">
      <ul class="way-links">
        <xsl:for-each select="$web:letters-pages">
          <li>
            <a href="{$root}letters/{?file}">
              <xsl:if test="?file = $current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
              <xsl:text>{?title}</xsl:text>
            </a>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
  </xsl:template>

  <xsl:template name="web:letters-shell">
    <xsl:param name="file" as="xs:string"/>
    <xsl:param name="intro" as="xs:string"/>
    <xsl:param name="body" as="node()*"/>
    <xsl:variable name="title" select="$web:letters-pages[?file = $file]?title"/>
    <xsl:if test="exists($web:letters)">
      <xsl:call-template name="web:page">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="page" select="'letters'"/>
        <xsl:with-param name="path" select="'letters/' || $file"/>
        <xsl:with-param name="content" as="node()*">
          <article class="letters-page" aria-labelledby="letters-title">
            <header class="document-header">
              <h1 id="letters-title">{$title}</h1>
              <p class="register-intro">{$intro}</p>
              <xsl:call-template name="web:letters-nav">
                <xsl:with-param name="root" select="'../'"/>
                <xsl:with-param name="current" select="$file"/>
              </xsl:call-template>
            </header>
            <xsl:sequence select="$body"/>
          </article>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- letters/index.html: one table of every letter, in date order; the script adds sorting by any
       column and a filter, the table being complete without it. -->
  <xsl:template name="web:letters-page">
    <xsl:call-template name="web:letters-shell">
      <xsl:with-param name="file" select="'index.html'"/>
      <xsl:with-param name="intro" select="web:letters-summary($web:letters) || ', in date order: who wrote to whom, from where and when.'"/>
      <xsl:with-param name="body" as="node()*">
        <table class="letters" data-sortable="">
          <thead>
            <tr><th scope="col">Date</th><th scope="col">Letter</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Places</th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="$web:letters">
              <xsl:variable name="month" select="substring(ed:date/@sort, 1, 7)"/>
              <xsl:variable name="position" select="position()"/>
              <xsl:variable name="previous" select="$web:letters[$position - 1]"/>
              <tr>
                <!-- the first letter of a month is where the calendar's links land -->
                <xsl:if test="matches($month, '^\d{4}-\d{2}$') and not(starts-with($previous/ed:date/@sort, $month))">
                  <xsl:attribute name="id" select="'m-' || $month"/>
                </xsl:if>
                <td data-sort="{(ed:date/@sort[. != ''], '~')[1]}">{ed:date}</td>
                <td><a href="../{@id}.html">{@title}</a></td>
                <td>{web:parties(., 'sent')}</td>
                <td>{web:parties(., 'received')}</td>
                <td>{web:places(.)}</td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        <!-- sorting and filtering, for this page only (the other pages need not load it) -->
        <script src="../assets/letters.js" defer="defer"></script>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- letters/calendar.html: a row per year, a column per month, each count linking to the month's
       first letter in the letters table. -->
  <xsl:template name="web:calendar-page">
    <xsl:variable name="months" select="('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec')"/>
    <xsl:call-template name="web:letters-shell">
      <xsl:with-param name="file" select="'calendar.html'"/>
      <xsl:with-param name="intro" select="'How many letters each month holds; a number leads to them. A letter dated only by its year counts under “no month”.'"/>
      <xsl:with-param name="body" as="node()*">
        <table class="calendar">
          <thead>
            <tr>
              <th scope="col">Year</th>
              <xsl:for-each select="$months"><th scope="col">{.}</th></xsl:for-each>
              <th scope="col">No month</th>
              <th scope="col">All</th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each-group select="$web:letters" group-adjacent="web:year(.)">
              <xsl:variable name="year" select="current-grouping-key()"/>
              <xsl:variable name="letters" select="current-group()"/>
              <tr>
                <th scope="row">{if ($year = 'undated') then 'Undated' else $year}</th>
                <xsl:for-each select="1 to 12">
                  <xsl:variable name="month" select="$year || '-' || format-integer(., '00')"/>
                  <xsl:variable name="count" select="count($letters[starts-with(ed:date/@sort, $month)])"/>
                  <td>
                    <xsl:if test="$count gt 0">
                      <a href="index.html#m-{$month}" aria-label="{$months[current()]} {$year}: {web:count($count, 'letter')}">{$count}</a>
                    </xsl:if>
                  </td>
                </xsl:for-each>
                <td>{count($letters[string-length(ed:date/@sort) = 4])[. gt 0]}</td>
                <td>{count($letters)}</td>
              </tr>
            </xsl:for-each-group>
          </tbody>
        </table>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- letters/correspondents.html: each person or body who wrote or received a letter, most letters
       first: how many, from and to whom, when, and the letters. -->
  <xsl:template name="web:correspondents-page">
    <xsl:variable name="parties" select="$web:letters/ed:action[@type = ('sent', 'received')]/(ed:person | ed:org)"/>
    <xsl:call-template name="web:letters-shell">
      <xsl:with-param name="file" select="'correspondents.html'"/>
      <xsl:with-param name="intro" select="web:count(count(distinct-values($parties ! web:party-key(.))), 'correspondent') || ', by the number of their letters: to and from whom, and when.'"/>
      <xsl:with-param name="body" as="node()*">
        <xsl:for-each-group select="$parties" group-by="web:party-key(.)">
          <xsl:sort select="count(distinct-values(current-group()/ancestor::ed:facts/@id))" order="descending"/>
          <xsl:sort select="normalize-space(current-group()[1])"/>
          <xsl:variable name="letters" select="current-group()/ancestor::ed:facts"/>
          <xsl:variable name="wrote" select="current-group()[parent::ed:action/@type = 'sent']/ancestor::ed:facts"/>
          <xsl:variable name="received" select="current-group()[parent::ed:action/@type = 'received']/ancestor::ed:facts"/>
          <section class="correspondent" id="{web:party-id('c', current-grouping-key())}" aria-labelledby="{web:party-id('c', current-grouping-key())}-name">
            <h2 id="{web:party-id('c', current-grouping-key())}-name">{normalize-space(current-group()[1])} <span class="count">({web:letters-summary($letters)})</span></h2>
            <xsl:call-template name="web:counterparts">
              <xsl:with-param name="label" select="'Wrote to'"/>
              <xsl:with-param name="others" select="$wrote/ed:action[@type = 'received']/(ed:person | ed:org)"/>
            </xsl:call-template>
            <xsl:call-template name="web:counterparts">
              <xsl:with-param name="label" select="'Received from'"/>
              <xsl:with-param name="others" select="$received/ed:action[@type = 'sent']/(ed:person | ed:org)"/>
            </xsl:call-template>
            <xsl:call-template name="web:letter-list">
              <xsl:with-param name="letters" select="$letters"/>
            </xsl:call-template>
          </section>
        </xsl:for-each-group>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- "Wrote to: Paul Tillich (12), Hannah Tillich (3)". -->
  <xsl:template name="web:counterparts">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="others" as="element()*"/>
    <xsl:if test="exists($others)">
      <p class="counterparts">
        <xsl:text>{$label}: </xsl:text>
        <xsl:for-each-group select="$others" group-by="web:party-key(.)">
          <xsl:sort select="count(current-group())" order="descending"/>
          <xsl:sort select="normalize-space(current-group()[1])"/>
          <xsl:if test="position() gt 1">, </xsl:if>
          <a href="#{web:party-id('c', current-grouping-key())}">{normalize-space(current-group()[1])}</a>
          <xsl:text> ({count(current-group())})</xsl:text>
        </xsl:for-each-group>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- letters/places.html: each place letters were written or received at, most letters first. -->
  <xsl:template name="web:places-page">
    <xsl:variable name="places" select="$web:letters/ed:action[@type = ('sent', 'received')]/ed:place"/>
    <xsl:call-template name="web:letters-shell">
      <xsl:with-param name="file" select="'places.html'"/>
      <xsl:with-param name="intro" select="web:count(count(distinct-values($places ! web:party-key(.))), 'place') || ' where letters were written or received, by the number of letters.'"/>
      <xsl:with-param name="body" as="node()*">
        <xsl:for-each-group select="$places" group-by="web:party-key(.)">
          <xsl:sort select="count(distinct-values(current-group()/ancestor::ed:facts/@id))" order="descending"/>
          <xsl:sort select="normalize-space(current-group()[1])"/>
          <xsl:variable name="letters" select="current-group()/ancestor::ed:facts"/>
          <xsl:variable name="written" select="count(current-group()[parent::ed:action/@type = 'sent']/ancestor::ed:facts)"/>
          <xsl:variable name="received" select="count(current-group()[parent::ed:action/@type = 'received']/ancestor::ed:facts)"/>
          <section class="correspondent" id="{web:party-id('p', current-grouping-key())}" aria-labelledby="{web:party-id('p', current-grouping-key())}-name">
            <h2 id="{web:party-id('p', current-grouping-key())}-name">{normalize-space(current-group()[1])} <span class="count">({web:letters-summary($letters)})</span></h2>
            <p class="counterparts">{string-join((('written here: ' || $written)[$written gt 0], ('received here: ' || $received)[$received gt 0]), '; ')}</p>
            <xsl:call-template name="web:letter-list">
              <xsl:with-param name="letters" select="$letters"/>
            </xsl:call-template>
          </section>
        </xsl:for-each-group>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Letters as a compact list, in date order: date, title linked. -->
  <xsl:template name="web:letter-list">
    <xsl:param name="letters" as="element(ed:facts)*"/>
    <ol class="letter-list">
      <xsl:for-each select="$letters">
        <xsl:sort select="(ed:date/@sort[. != ''], '~')[1]"/>
        <xsl:sort select="@id"/>
        <li><span class="letter-date">{ed:date}</span><xsl:if test="ed:date"> · </xsl:if><a href="../{@id}.html">{@title}</a></li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <!-- On a letter's page: the previous and next letter in its correspondence (correspContext, linked
       when the edition has it) and in the edition's date order. Nothing for a text with neither. -->
  <xsl:template name="web:letter-neighbours">
    <xsl:variable name="context" select="teiHeader/profileDesc/correspDesc/correspContext/ref[@type = ('previous', 'next', 'prev')]"/>
    <xsl:variable name="in-order" select="$neighbours/ed:neighbours/(ed:previous, ed:next)"/>
    <xsl:if test="$web:screen and (exists($context) or exists($in-order))">
      <nav class="letter-neighbours" aria-label="Other letters" data-pagefind-ignore="">
        <xsl:if test="exists($context)">
          <p>
            <span class="neighbours-label">In the correspondence:</span>
            <xsl:for-each select="$context">
              <xsl:variable name="document" select="ed:context-document(@target)"/>
              <xsl:text> </xsl:text>
              <span class="neighbour-{if (@type = 'next') then 'next' else 'previous'}">
                <xsl:text>{if (@type = 'next') then 'next' else 'previous'}: </xsl:text>
                <xsl:choose>
                  <xsl:when test="$document">
                    <a href="{$document}.html" rel="{if (@type = 'next') then 'next' else 'prev'}">{ed:text(.) => ed:or($document)}</a>
                  </xsl:when>
                  <xsl:otherwise>{ed:text(.) => ed:or(string(@target))}</xsl:otherwise>
                </xsl:choose>
              </span>
            </xsl:for-each>
          </p>
        </xsl:if>
        <xsl:if test="exists($in-order)">
          <p>
            <span class="neighbours-label">In date order:</span>
            <xsl:for-each select="$in-order">
              <xsl:text> </xsl:text>
              <span class="neighbour-{local-name()}">
                <xsl:text>{local-name()}: </xsl:text>
                <a href="{@id}.html">{@title}</a>
                <xsl:if test="normalize-space(@date)"> ({@date})</xsl:if>
              </span>
            </xsl:for-each>
          </p>
        </xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
