<?xml version="1.0" encoding="UTF-8"?>
<!--
  Register pages: each entry of the edition's one register (the merged <ed:register> of the index,
  registers.py) with its names, dates, occupations, coordinates, description, authority identifiers
  (with the register's confidence and sources) and every place the edition names it.

  Two layouts, chosen in Python by the register's size (ed:register/@pages, edition.py):
  - "one": a page per kind holding every entry in full (register/persons.html#kropotkin);
  - "entries": a page per kind listing every entry, alphabetically by initial, with its life dates
    and counts, each linking to a page of its own (register/persons/<key>.html), which lists every
    letter that names it.

  Where the texts name an entry comes from $mentions: <ed:facts id="document id"> elements, each
  holding <ed:mention ref="the pointer as written" kind="persName…" anchor="id on the reading page"
  label="¶ 3" [page="about"]>the name as written</ed:mention>; every ref is resolved here (ed:entity),
  as the document it stands in reads it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:web="urn:editio:web"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- A register entry in full. -->
  <xsl:mode name="web:entry" on-no-match="deep-skip"/>

  <!-- Where the documents name the entries (register_pages.py): <ed:facts> holding <ed:mention>s. -->
  <xsl:param name="mentions" as="document-node()?" select="()"/>

  <!-- a name inside the register itself is no occurrence in the texts -->
  <xsl:key name="web:mentions-of" match="ed:mention[not(@page = 'register')]" use="ed:entity(@ref, .)/@xml:id"/>
  <!-- The entries whose own description names an entry ("See also"). -->
  <xsl:key name="web:entries-naming" match="ed:register/*[@xml:id]"
      use="distinct-values(for $ref in .//@ref, $pointer in tokenize($ref) return ed:entity($pointer, $ref/..)/@xml:id)"/>

  <!-- "one" (a page per kind, every entry in full) or "entries" (a page per entry). -->
  <xsl:variable name="web:register-layout" as="xs:string"
      select="($ed:edition/ed:edition/ed:register/@pages ! string(), 'one')[1]"/>

  <!-- Whether the edition has more than one text (occurrences then name the text). -->
  <xsl:variable name="web:several-texts" as="xs:boolean"
      select="count($ed:edition/ed:edition/ed:document[@has-text = 'true']) gt 1"/>

  <xsl:function name="web:mentions" as="element(ed:mention)*">
    <xsl:param name="entity" as="element()"/>
    <xsl:sequence select="if ($mentions) then key('web:mentions-of', string($entity/@xml:id), $mentions) else ()"/>
  </xsl:function>

  <!-- Where an entry is read: its place on its kind's page, or its own page. An element of a
       document that a merged entry describes is read as that entry. -->
  <xsl:function name="web:entry-href" as="xs:string">
    <xsl:param name="entity" as="element()"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:variable name="merged" select="($entity[parent::ed:register], $entity/@xml:id ! key('ed:register-alias', ., $ed:edition))[1]"/>
    <xsl:variable name="kind" select="ed:entity-kind(($merged, $entity)[1])"/>
    <xsl:sequence select="if ($merged) then $root || ed:register-path($merged)
                          else web:register-href($kind, $root) || '#' || ed:id($entity)"/>
  </xsl:function>

  <!-- The documents' titles, for a list of occurrences: the fact's own, else the index's document. -->
  <xsl:function name="web:facts-title" as="xs:string">
    <xsl:param name="facts" as="element(ed:facts)"/>
    <xsl:sequence select="($facts/@title[normalize-space()] ! string(),
                           key('ed:document-by-id', $facts/@id, $ed:edition)/TEI ! ed:display-title(.),
                           string($facts/@id))[1]"/>
  </xsl:function>

  <!-- Alphabetical order, as a reader looks a name up: persons by surname (the last word, with its
       particles "de", "von"… after it), other entries without a leading article; accents and case
       ignored, Cyrillic after Latin (the Unicode Collation Algorithm). -->
  <xsl:variable name="web:collation" as="xs:string" select="'http://www.w3.org/2013/collation/UCA?lang=en;strength=secondary;fallback=yes'"/>

  <xsl:function name="web:sort-key" as="xs:string">
    <xsl:param name="entity" as="element()"/>
    <!-- a name as the texts write it may open with a quotation mark or a bracket: it files by its first letter -->
    <xsl:variable name="name" select="replace(ed:entity-name($entity) => ed:or(string($entity/@xml:id)), '^[^\p{L}\p{N}]+', '')"/>
    <xsl:variable name="names" select="$entity/(persName | placeName | orgName | label | name)"/>
    <xsl:variable name="surname" select="$names[surname][1]/surname[1] ! ed:text(.)"/>
    <xsl:sequence select="
        if ($surname) then $surname || ' ' || $name
        else if ($entity[self::person or self::personGrp]) then
          let $words := tokenize($name)
          return string-join(($words[last()], $words[position() lt last()]), ' ')
        else replace($name, '^((the|les?|la|der|die|das|el|il|ein|eine|an?)\s+|l[’''])', '', 'i')"/>
  </xsl:function>

  <!-- The letter a sort key files under: its first letter without accents. -->
  <xsl:function name="web:initial" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="upper-case(substring(replace(normalize-unicode($key, 'NFD'), '[\p{M}\P{L}]', ''), 1, 1)) => ed:or('#')"/>
  </xsl:function>

  <xsl:template name="web:register-page">
    <xsl:variable name="entities" as="element()*">
      <xsl:perform-sort select="ed:entities($kind)">
        <xsl:sort select="web:sort-key(.)" collation="{$web:collation}"/>
      </xsl:perform-sort>
    </xsl:variable>
    <!-- An identifier's source is its authority record (linked); the listed sources are those of dates. -->
    <xsl:variable name="sources" select="if ($web:register-layout = 'entries') then ()
                                         else ($entities/descendant-or-self::*[not(self::idno)]/@source ! ed:targets(.))/."/>
    <xsl:if test="exists($entities)">
      <xsl:call-template name="web:page">
        <xsl:with-param name="title" select="ed:label($kind)"/>
        <xsl:with-param name="page" select="'register'"/>
        <xsl:with-param name="path" select="web:register-href($kind, '')"/>
        <xsl:with-param name="content" as="node()*">
          <article class="register" aria-labelledby="register-title">
            <header class="document-header">
              <h1 id="register-title">{ed:label($kind)}</h1>
              <p class="register-intro">{if (count($entities) = 1) then 'One entry' else count($entities) || ' entries'} of the edition’s register. Each lists
                every place in the edition that names it.</p>
              <xsl:for-each select="web:registers-of($entities)/teiHeader/encodingDesc/editorialDecl/interpretation">
                <details class="register-about">
                  <summary>How the register was made</summary>
                  <xsl:apply-templates>
                    <xsl:with-param name="root" select="'../'" tunnel="yes"/>
                  </xsl:apply-templates>
                </details>
              </xsl:for-each>
              <xsl:call-template name="web:register-kinds"/>
              <xsl:choose>
                <xsl:when test="$web:register-layout = 'entries'">
                  <nav class="register-index register-initials" aria-label="Initials">
                    <ul>
                      <xsl:for-each select="sort(distinct-values($entities ! web:initial(web:sort-key(.))), $web:collation)">
                        <li><a href="#initial-{.}">{.}</a></li>
                      </xsl:for-each>
                    </ul>
                  </nav>
                </xsl:when>
                <xsl:otherwise>
                  <nav class="register-index" aria-label="Entries">
                    <ul>
                      <xsl:for-each select="$entities">
                        <li><a href="#{@xml:id}">{web:typographic(ed:entity-name(.) => ed:or(@xml:id))}</a></li>
                      </xsl:for-each>
                    </ul>
                  </nav>
                </xsl:otherwise>
              </xsl:choose>
            </header>
            <xsl:for-each-group select="$entities[$web:register-layout = 'entries']" group-by="web:initial(web:sort-key(.))">
              <xsl:sort select="current-grouping-key()" collation="{$web:collation}"/>
              <section class="register-group" id="initial-{current-grouping-key()}" aria-label="{current-grouping-key()}">
                <p class="register-letter" aria-hidden="true">{current-grouping-key()}</p>
                <ul class="register-list">
                  <xsl:apply-templates select="current-group()" mode="web:list-entry"/>
                </ul>
              </section>
            </xsl:for-each-group>
            <xsl:for-each-group select="$entities[$web:register-layout = 'one']" group-adjacent="web:initial(web:sort-key(.))">
              <section class="register-group" aria-label="{current-grouping-key()}">
                <p class="register-letter" aria-hidden="true">{current-grouping-key()}</p>
                <xsl:apply-templates select="current-group()" mode="web:entry">
                  <xsl:with-param name="root" select="'../'" tunnel="yes"/>
                  <xsl:with-param name="web:sources" select="$sources" tunnel="yes"/>
                </xsl:apply-templates>
              </section>
            </xsl:for-each-group>
            <xsl:if test="exists($sources)">
              <section class="register-sources" aria-labelledby="sources-heading">
                <h2 id="sources-heading">Sources</h2>
                <ol>
                  <xsl:for-each select="$sources">
                    <li id="{@xml:id}">
                      <xsl:apply-templates>
                        <xsl:with-param name="root" select="'../'" tunnel="yes"/>
                      </xsl:apply-templates>
                    </li>
                  </xsl:for-each>
                </ol>
              </section>
            </xsl:if>
          </article>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The documents that keep the register's entries (for what they say of how it was made). -->
  <xsl:function name="web:registers-of" as="element(TEI)*">
    <xsl:param name="entities" as="element()*"/>
    <xsl:sequence select="(($entities/ancestor::TEI), distinct-values($entities/@ed:document) ! key('ed:document-by-id', ., $ed:edition)/TEI)/."/>
  </xsl:function>

  <!-- An entry in a kind's list: its name, linked to its own page, its life dates and how often the
       texts name it. -->
  <xsl:template match="*" mode="web:list-entry">
    <xsl:variable name="mentioned" select="web:mentions(.)"/>
    <xsl:variable name="documents" select="count(distinct-values($mentioned/../@id))"/>
    <li>
      <a href="{substring-after(ed:entry-page-path(.), 'register/')}">{web:typographic(ed:entity-name(.) => ed:or(@xml:id))}</a>
      <xsl:for-each select="ed:life-dates(.)"><span class="entry-life">, {.}</span></xsl:for-each>
      <span class="entry-count"> ({web:count($documents, 'text')}<xsl:if test="count($mentioned) gt $documents">, {web:count(count($mentioned), 'mention')}</xsl:if>)</span>
    </li>
  </xsl:template>

  <!-- The entry pages to make (their paths, space-separated); all when empty. A build makes only
       those whose inputs changed (edition_pages.py). -->
  <xsl:param name="only-entries" as="xs:string?" select="()"/>
  <xsl:variable name="web:only-entries" as="map(xs:string, xs:boolean)?"
      select="if (normalize-space($only-entries)) then map:merge(tokenize($only-entries) ! map { .: true() }) else ()"/>

  <!-- What each entry page reads beside the index without mentions: the path of each page, then
       every mention that names its entry (with the text it stands in), one string; a build keeps
       an entry page under it and makes it again only when it changes (edition_pages.py). -->
  <xsl:template name="web:entry-inputs" as="xs:string*">
    <xsl:for-each select="$ed:register-kinds">
      <xsl:variable name="kind" select="."/>
      <xsl:for-each select="ed:entities($kind)">
        <xsl:sequence select="ed:entry-page-path(.), web:entry-material(.)"/>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <xsl:function name="web:entry-material" as="xs:string">
    <xsl:param name="entity" as="element()"/>
    <xsl:sequence select="string-join(web:mentions($entity) ! string-join(
        (string(../@id), string(../@title), string(@ref), string(@kind), string(@type), string(@page),
         string(@anchor), string(@label), string(.)), '&#xE000;'), '&#xE001;')"/>
  </xsl:function>

  <!-- With $entry-inputs, each page's inputs (as web:entry-inputs gives them) between its path and
       the page: what a build that makes every entry page keeps them under, in one transformation. -->
  <xsl:param name="entry-inputs" as="xs:boolean" select="false()"/>

  <!-- register/<kind>/<key>.html for every entry (layout "entries"; or those $only-entries names),
       in one transformation: the path of each page, then the page, serialised (register_pages.py
       writes them). -->
  <xsl:template name="web:entry-pages" as="xs:string*">
    <xsl:for-each select="$ed:register-kinds">
      <xsl:variable name="kind" select="."/>
      <xsl:for-each select="ed:entities($kind)[empty($web:only-entries) or map:contains($web:only-entries, ed:entry-page-path(.))]">
        <xsl:variable name="path" select="ed:entry-page-path(.)"/>
        <xsl:if test="$entry-inputs">
          <xsl:sequence select="$path, web:entry-material(.)"/>
        </xsl:if>
        <xsl:variable name="page" as="document-node()">
          <xsl:document>
            <xsl:call-template name="web:page">
              <xsl:with-param name="title" select="ed:entity-name(.) => ed:or(@xml:id)"/>
              <xsl:with-param name="page" select="'register'"/>
              <xsl:with-param name="path" select="$path"/>
              <xsl:with-param name="content" as="node()*">
                <div class="register register-entry-page">
                  <nav class="register-up" aria-label="{ed:label($kind)}">
                    <a href="../{$kind}.html#initial-{web:initial(web:sort-key(.))}">{ed:label($kind)}</a>
                  </nav>
                  <xsl:apply-templates select="." mode="web:entry">
                    <xsl:with-param name="root" select="'../../'" tunnel="yes"/>
                    <xsl:with-param name="web:heading" select="'h1'" tunnel="yes"/>
                  </xsl:apply-templates>
                </div>
              </xsl:with-param>
            </xsl:call-template>
          </xsl:document>
        </xsl:variable>
        <xsl:sequence select="if ($entry-inputs) then () else $path, serialize($page, map { 'method': 'html', 'html-version': 5.0,
                                                            'include-content-type': false(), 'indent': false() })"/>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <!-- The kinds of register entry, linked: on every register page and as the register's index. -->
  <xsl:template name="web:register-kinds">
    <xsl:param name="root" as="xs:string" select="'../'"/>
    <nav class="document-contents" aria-label="{ed:label('register')}">
      <ul class="way-links">
        <xsl:for-each select="$ed:register-kinds">
          <li>
            <a href="{web:register-href(., $root)}">
              <xsl:if test=". = $kind"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
              <xsl:text>{ed:label(.)} ({count(ed:entities(.))})</xsl:text>
            </a>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
  </xsl:template>

  <!-- register/index.html: what the register holds. -->
  <xsl:template name="web:register-index-page">
    <xsl:if test="exists($ed:register-kinds)">
      <xsl:call-template name="web:page">
        <xsl:with-param name="title" select="ed:label('register')"/>
        <xsl:with-param name="page" select="'register'"/>
        <xsl:with-param name="path" select="'register/index.html'"/>
        <xsl:with-param name="content" as="node()*">
          <article class="register" aria-labelledby="register-title">
            <h1 id="register-title">{ed:label('register')}</h1>
            <p class="register-intro">The persons, places, organisations and events the edition names, each
              with what identifies it and every place in the texts that names it.</p>
            <xsl:call-template name="web:register-kinds"/>
          </article>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="web:entry">
    <xsl:param name="root" as="xs:string" tunnel="yes"/>
    <xsl:param name="web:heading" as="xs:string" tunnel="yes" select="'h2'"/>
    <xsl:variable name="names" select="persName | placeName | orgName | label | name | self::bibl/title"/>
    <xsl:variable name="chosen" select="($names[@type = 'normalised'], $names[not(@xml:lang) or @xml:lang = 'en'], $names)[1]"/>
    <article class="entry entry-{local-name()}" id="{@xml:id}" aria-labelledby="{@xml:id}-name">
      <xsl:element name="{$web:heading}">
        <xsl:attribute name="id" select="@xml:id || '-name'"/>
        <xsl:text>{web:typographic(ed:entity-name(.) => ed:or(@xml:id))}</xsl:text>
      </xsl:element>
      <p class="entry-kind">{ed:label(local-name())}{@type ! (' · ' || translate(., '-', ' '))}</p>
      <xsl:if test="@ed:described = 'false'">
        <p class="entry-undescribed">The edition describes no such entry: it is made from the names the texts use
          for it.</p>
      </xsl:if>
      <xsl:if test="exists($names except $chosen)">
        <p class="entry-variants">
          <xsl:text>Also: </xsl:text>
          <xsl:for-each select="$names except $chosen">
            <xsl:if test="position() gt 1">; </xsl:if>
            <xsl:apply-templates select="."/>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:call-template name="web:entity-dates"/>
      <xsl:if test="occupation">
        <p class="entry-occupation">{string-join(occupation ! ed:text(.), '; ')}</p>
      </xsl:if>
      <xsl:for-each select="(location/geo, geo)[normalize-space()][1]">
        <p class="entry-geo">Coordinates: <span class="geo">{normalize-space(.)}</span></p>
      </xsl:for-each>
      <xsl:for-each select="(note[@type = 'description'], desc, note[not(@type)])[1]">
        <p class="entry-description"><xsl:apply-templates/></p>
      </xsl:for-each>
      <xsl:call-template name="web:authorities"/>
      <xsl:call-template name="web:occurrences"/>
    </article>
  </xsl:template>

  <!-- Birth and death of a person, or the dates of an event, each with its sources. -->
  <xsl:template name="web:entity-dates">
    <xsl:variable name="events" select="birth | death | floruit"/>
    <xsl:choose>
      <xsl:when test="exists($events)">
        <p class="entry-dates">
          <xsl:for-each select="$events">
            <xsl:variable name="verb" select="map { 'birth': 'born', 'death': 'died', 'floruit': 'active' }(local-name())"/>
            <xsl:if test="position() gt 1">; </xsl:if>
            <xsl:value-of select="if (position() = 1) then web:title-case($verb) else $verb"/>
            <xsl:for-each select="ed:date-description(.)"><xsl:text> {.}</xsl:text></xsl:for-each>
            <xsl:for-each select="placeName | settlement | country">
              <xsl:text>, </xsl:text>
              <!-- the place's name, never its coordinates -->
              <xsl:choose>
                <xsl:when test=".//(location | geo)">{normalize-space(string-join((text() | *[not(self::location or self::geo)]) ! ed:text(.), ' '))}</xsl:when>
                <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
            <xsl:call-template name="web:source-refs"/>
          </xsl:for-each>
        </p>
      </xsl:when>
      <xsl:when test="ed:date-description(.)">
        <p class="entry-dates">
          <xsl:text>{web:title-case(ed:date-description(.))}</xsl:text>
          <xsl:call-template name="web:source-refs"/>
        </p>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- "[1, 3]": the sources an element's @source names, numbered as in the page's list. -->
  <xsl:template name="web:source-refs">
    <xsl:param name="web:sources" as="element()*" tunnel="yes" select="()"/>
    <xsl:variable name="cited" select="ed:targets(@source)"/>
    <xsl:if test="exists($cited)">
      <span class="source-refs">
        <xsl:text> [</xsl:text>
        <xsl:for-each select="$cited">
          <xsl:variable name="source" select="."/>
          <xsl:variable name="number" select="for $i in 1 to count($web:sources) return $i[$web:sources[$i] is $source]"/>
          <xsl:if test="position() gt 1">, </xsl:if>
          <a href="#{@xml:id}" aria-label="Source {$number}" title="{ed:text(.)}">{$number}</a>
        </xsl:for-each>
        <xsl:text>]</xsl:text>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template name="web:authorities">
    <xsl:variable name="entity" select="."/>
    <xsl:variable name="identifiers" select="ed:authority-ids(.)"/>
    <xsl:if test="exists($identifiers)">
      <ul class="authorities">
        <xsl:for-each select="$identifiers">
          <xsl:variable name="identifier" select="."/>
          <li>
            <a href="{?uri}">{?label} {?id}</a>
            <xsl:if test="?cert">
              <span class="authority-cert"> ({ed:label(?cert)})</span>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- Where the edition names the entry: by document, each place once (from $mentions), then the
       entries of the register that name it. -->
  <xsl:template name="web:occurrences">
    <xsl:param name="root" as="xs:string" tunnel="yes"/>
    <xsl:variable name="entity" select="."/>
    <xsl:variable name="mentioned" select="web:mentions(.)"/>
    <xsl:variable name="in-register" select="(key('web:entries-naming', string(@xml:id), $ed:edition) except $entity)"/>
    <xsl:variable name="several" select="$web:several-texts"/>
    <xsl:choose>
      <xsl:when test="exists($mentioned)">
        <xsl:if test="$several">
          <h3 class="entry-subhead occurrences-count">Named in {web:count(count(distinct-values($mentioned/../@id)), 'text')}</h3>
        </xsl:if>
        <ul class="occurrences">
          <xsl:for-each-group select="$mentioned" group-by="string(../@id)">
            <xsl:variable name="document" select="current-grouping-key()"/>
            <li>
              <xsl:if test="not($several)">
                <h3 class="entry-subhead">Named in the text</h3>
              </xsl:if>
              <xsl:if test="$several">
                <a class="occurrence-text" href="{$root}{$document}.html"><cite>{web:facts-title(current-group()[1]/..)}</cite></a>
                <xsl:text>: </xsl:text>
              </xsl:if>
              <xsl:for-each-group select="current-group()" group-by="(@page, 'text')[1]">
                <xsl:sort select="current-grouping-key()" order="descending"/>
                <xsl:variable name="page" select="if (current-grouping-key() = 'about') then $root || 'about/' || $document || '.html'
                                                  else $root || $document || '.html'"/>
                <xsl:if test="position() gt 1">; </xsl:if>
                <xsl:if test="current-grouping-key() = 'about'">
                  <a href="{$page}">{lower-case(ed:label('about'))}</a>
                  <xsl:text>: </xsl:text>
                </xsl:if>
                <xsl:variable name="places" as="element(ed:mention)*">
                  <xsl:for-each-group select="current-group()" group-by="string(@anchor)">
                    <xsl:sequence select="."/>
                  </xsl:for-each-group>
                </xsl:variable>
                <xsl:variable name="paragraphs" select="$places[starts-with(@label, '¶')]"/>
                <xsl:if test="exists($paragraphs)">¶&#xA0;</xsl:if>
                <xsl:for-each select="$paragraphs">
                  <xsl:if test="position() gt 1">, </xsl:if>
                  <a href="{$page}#{@anchor}" aria-label="{web:typographic(@label)}">{normalize-space(substring-after(@label, '¶'))}</a>
                </xsl:for-each>
                <xsl:for-each select="$places except $paragraphs">
                  <xsl:if test="position() gt 1 or exists($paragraphs)">, </xsl:if>
                  <a href="{$page}#{@anchor}">{web:typographic(@label)}</a>
                </xsl:for-each>
              </xsl:for-each-group>
            </li>
          </xsl:for-each-group>
        </ul>
      </xsl:when>
      <xsl:otherwise>
        <p class="occurrences-none">Not named in the texts of this edition.</p>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="exists($in-register)">
      <p class="see-also">
        <xsl:text>See also: </xsl:text>
        <xsl:for-each select="$in-register">
          <xsl:if test="position() gt 1">; </xsl:if>
          <a href="{web:entry-href(., $root)}">{ed:entity-name(.)}</a>
        </xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
