<?xml version="1.0" encoding="UTF-8"?>
<!--
  Full-text search (editio.builders.search): what Pagefind indexes on a reading page, and the search
  page. Pagefind reads marks in the pages: data-pagefind-body on the reading text (pages without it
  are not indexed), data-pagefind-ignore on what is not the text (the page's own tools), and, in a
  hidden block that is itself not indexed, the page's title and date for a result (data-pagefind-meta)
  and the facets a reader narrows a search by (data-pagefind-filter): year, correspondent, language
  and document type, each taken from the document's header.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:web="urn:editio:web"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Whether this build makes the search index (the pages then carry Pagefind's marks, and the
       site has a search page). -->
  <xsl:param name="has-search" as="xs:boolean" select="false()"/>

  <!-- The facets, in the order the search page offers them: key → label. -->
  <xsl:variable name="web:search-facets" as="map(xs:string, xs:string)*" select="(
      map { 'key': 'year', 'label': 'Year' }, map { 'key': 'correspondent', 'label': 'Correspondent' },
      map { 'key': 'language', 'label': 'Language' }, map { 'key': 'type', 'label': 'Document type' })"/>

  <!-- Names for language codes that a header gives without a name of its own. -->
  <xsl:variable name="web:language-names" as="map(xs:string, xs:string)" select="map {
      'de': 'German', 'deu': 'German', 'ger': 'German', 'en': 'English', 'eng': 'English',
      'fr': 'French', 'fra': 'French', 'fre': 'French', 'it': 'Italian', 'ita': 'Italian',
      'ru': 'Russian', 'rus': 'Russian', 'es': 'Spanish', 'spa': 'Spanish', 'la': 'Latin', 'lat': 'Latin',
      'nl': 'Dutch', 'nld': 'Dutch', 'dut': 'Dutch' }"/>

  <!-- The years a document was sent in: its dispatch date's, or every year of its span (the year
       of each end when the span is longer than a decade). -->
  <xsl:function name="web:search-years" as="xs:string*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="date" select="ed:dispatch-date($tei)"/>
    <xsl:variable name="ends" select="($date/(@when, @notBefore, @from)[1], $date/(@when, @notAfter, @to)[1])
                                      ! substring(., 1, 4)[matches(., '^\d{4}$')] ! xs:integer(.)"/>
    <xsl:sequence select="if (count($ends) = 2 and $ends[2] ge $ends[1] and $ends[2] - $ends[1] le 10)
                          then ($ends[1] to $ends[2]) ! string() else distinct-values($ends ! string())"/>
  </xsl:function>

  <!-- A document's languages by name: the header's own names (langUsage), else the text's xml:lang. -->
  <xsl:function name="web:search-languages" as="xs:string*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="declared" select="$tei/teiHeader/profileDesc/langUsage/language[@ident]"/>
    <xsl:sequence select="distinct-values(
        if (exists($declared)) then $declared ! (ed:text(.)[normalize-space()], $web:language-names(string(@ident)), string(@ident))[1]
        else ed:languages($tei) ! ($web:language-names(.), .)[1])"/>
  </xsl:function>

  <!-- What kind of document it is: the text's type (letter, postcard, telegram…), else the edition's kind. -->
  <xsl:function name="web:search-type" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="type" select="($tei/text/@type, $tei/@type)[normalize-space()][1] ! translate(., '-_', '  ')"/>
    <xsl:sequence select="if ($type) then upper-case(substring($type, 1, 1)) || substring($type, 2)
                          else ed:kind-term($tei, 'label')"/>
  </xsl:function>

  <!-- On a reading page's article: the index's body mark, and the hidden block of its title, date
       and facets. Nothing when the build makes no search index. -->
  <xsl:template name="web:search-marks">
    <xsl:if test="$has-search">
      <xsl:variable name="actions" select="teiHeader/profileDesc/correspDesc/correspAction"/>
      <xsl:attribute name="data-pagefind-body" select="''"/>
      <div class="search-marks" hidden="" data-pagefind-ignore="">
        <span data-pagefind-meta="title">{ed:display-title(.)}</span>
        <xsl:for-each select="ed:dispatch-date(.) ! ed:date-description(.)">
          <span data-pagefind-meta="date">{.}</span>
        </xsl:for-each>
        <xsl:for-each select="web:search-years(.)">
          <span data-pagefind-filter="year">{.}</span>
        </xsl:for-each>
        <xsl:for-each select="distinct-values(web:correspondents($actions))">
          <span data-pagefind-filter="correspondent">{.}</span>
        </xsl:for-each>
        <xsl:for-each select="web:search-languages(.)">
          <span data-pagefind-filter="language">{.}</span>
        </xsl:for-each>
        <span data-pagefind-filter="type">{web:search-type(.)}</span>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- search.html: the form, filled in and run by assets/search.js, which reads the index Pagefind
       made in pagefind/. Without script, or from a file on disk (browsers do not let a page read the
       index from files), the status line says so. -->
  <xsl:template name="web:search-page">
    <xsl:call-template name="web:page">
      <xsl:with-param name="title" select="'Search'"/>
      <xsl:with-param name="page" select="'search'"/>
      <xsl:with-param name="path" select="'search.html'"/>
      <xsl:with-param name="content" as="node()*">
        <article class="search" aria-labelledby="search-title">
          <h1 id="search-title">Search</h1>
          <form class="search-form" role="search" action="search.html" method="get" data-index="pagefind/">
            <div class="search-query">
              <label for="search-query">Words in the texts</label>
              <input type="search" id="search-query" name="q" autocomplete="off" spellcheck="false"/>
              <button type="submit">Search</button>
            </div>
            <div class="search-facets">
              <xsl:for-each select="$web:search-facets">
                <!-- The choices are the index's own, added by the script. -->
                <label class="search-facet" hidden="">
                  <span>{?label}</span>
                  <select name="{?key}" data-facet="{?key}">
                    <option value="">Any</option>
                  </select>
                </label>
              </xsl:for-each>
            </div>
          </form>
          <p class="search-status" role="status" aria-live="polite">Search runs in your browser: it needs
            JavaScript, and the edition opened from a web server.</p>
          <ol class="search-results"></ol>
          <p class="search-more" hidden=""><button type="button">More results</button></p>
        </article>
        <script src="assets/search.js" defer="defer"></script>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
