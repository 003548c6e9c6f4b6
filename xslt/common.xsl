<?xml version="1.0" encoding="UTF-8"?>
<!--
  Format-neutral functions every output shares: the edition and its settings, register lookup,
  authority URIs, dates, the reading policy for choice, labels.

  The global context item is an edition index <ed:edition register-kinds="…"> that editio builds
  (edition.py): <ed:settings .../> followed by one <ed:document id="…" file="…" has-text="…"> per TEI
  document. For the edition-wide outputs every entry holds its TEI document; for a per-document
  transform (a reading page, an "about" page, a plain text, a record) only the registers (documents
  without a text) do, and the document itself comes in a tree of its own, wrapped the same way. In a
  build, a per-document transform gets only its document's slice of that index (document_context.py:
  the settings, and what the document's pointers reach): read the context here only by lookups that
  start from the document's pointers, never by walking every ed:document.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:editio"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:global-context-item as="document-node(element(ed:edition))" use="required"/>

  <!-- The behaviour table (behaviours.xsl), read at compile time: $ed:match maps each behaviour to the
       union of its rows' patterns, for the outputs' <xsl:template _match="{$ed:match?paragraph}">. -->
  <xsl:variable name="ed:behaviour-table" static="yes" as="document-node()"
      select="doc(resolve-uri('behaviours.xsl', static-base-uri()))"/>
  <xsl:variable name="ed:behaviour-rows" static="yes" as="element(xsl:template)*"
      select="$ed:behaviour-table/xsl:stylesheet/xsl:template[@mode = 'ed:behaviour']"/>
  <xsl:variable name="ed:layouts" static="yes" as="map(xs:string, xs:string)"
      select="map:merge($ed:behaviour-table/xsl:stylesheet/ed:behaviour ! map { string(@name): string(@layout) })"/>
  <xsl:variable name="ed:match" static="yes" as="map(xs:string, xs:string)"
      select="map:merge(for $behaviour in map:keys($ed:layouts)
                        return map { $behaviour: string-join($ed:behaviour-rows[string(.) = $behaviour]/@match, ' | ') })"/>

  <xsl:include href="behaviours.xsl"/>

  <!-- Every document may be numbered (ed:paragraph-number, ed:note-number, ed:id). -->
  <xsl:mode use-accumulators="#all"/>

  <!-- The behaviour of an element (behaviours.xsl), or nothing when the table has no row for it. -->
  <xsl:function name="ed:behaviour" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="behaviour" as="xs:string?">
      <xsl:apply-templates select="$element" mode="ed:behaviour"/>
    </xsl:variable>
    <xsl:sequence select="$behaviour"/>
  </xsl:function>

  <xsl:variable name="ed:edition" as="document-node()" select="/"/>
  <xsl:variable name="ed:settings" as="element(ed:settings)" select="/ed:edition/ed:settings"/>

  <xsl:key name="ed:by-id" match="*[@xml:id]" use="@xml:id"/>
  <!-- In a per-document index: what the other texts' ids point to (see ed:targets). -->
  <xsl:key name="ed:target-by-id" match="ed:target" use="@id"/>
  <xsl:key name="ed:document-by-id" match="ed:document" use="@id"/>
  <xsl:key name="ed:references" match="*[@ref]" use="for $tei in ancestor::TEI[1], $pointer in tokenize(@ref) return ed:fragment($pointer, $tei)"/>
  <!-- The edition's one register (Edition.register, registers.py): its merged entries, and every
       pointer the documents use with the entry it names, resolved once in Python. -->
  <xsl:key name="ed:register-alias" match="ed:register/*[@ed:aliases]" use="tokenize(@ed:aliases)"/>
  <!-- Maps, not keys: a key is built by visiting every node of the index, in every transformation
       (a letter's page, each of its records); these visit only the register's children. -->
  <xsl:variable name="ed:register-entries" as="map(xs:string, element())"
      select="map:merge($ed:edition/ed:edition/ed:register/*[@xml:id] ! map { string(@xml:id): . })"/>
  <xsl:variable name="ed:register-pointers" as="map(xs:string, xs:string)"
      select="map:merge($ed:edition/ed:edition/ed:register/ed:pointer ! map { string(@document) || ' ' || @ref: string(@entry) })"/>

  <!-- Register entries: the elements a @ref may point to, by kind. -->
  <xsl:variable name="ed:entity-kinds" as="map(xs:string, xs:string)" select="map {
      'person': 'persons', 'personGrp': 'persons', 'place': 'places', 'org': 'organisations',
      'event': 'events' }"/>

  <!-- Authority identifiers (idno/@type) and the URI each one makes. -->
  <xsl:variable name="ed:authorities" as="map(xs:string, map(xs:string, xs:string))" select="map {
      'wikidata': map { 'label': 'Wikidata', 'prefix': 'https://www.wikidata.org/entity/' },
      'gnd':      map { 'label': 'GND',      'prefix': 'https://d-nb.info/gnd/' },
      'viaf':     map { 'label': 'VIAF',     'prefix': 'https://viaf.org/viaf/' },
      'geonames': map { 'label': 'GeoNames', 'prefix': 'https://www.geonames.org/' },
      'pmb':      map { 'label': 'PMB',      'prefix': 'https://pmb.acdh.oeaw.ac.at/entity/' },
      'loc':      map { 'label': 'LoC',      'prefix': 'http://id.loc.gov/authorities/names/' },
      'URI':      map { 'label': 'Web',      'prefix': '' } }"/>

  <!-- The reading policy: which child of <choice> each reading shows, by element name only. -->
  <xsl:variable name="ed:readings" as="map(xs:string, xs:string*)" select="map {
      'corrected':  ('corr', 'reg', 'expan'),
      'diplomatic': ('sic', 'orig', 'abbr') }"/>

  <xsl:variable name="ed:labels" as="map(xs:string, xs:string)" select="map {
      'persons': 'Persons', 'places': 'Places', 'organisations': 'Organisations and periodicals',
      'events': 'Events', 'person': 'Person', 'place': 'Place', 'org': 'Organisation', 'event': 'Event',
      'personGrp': 'Group', 'works': 'Works', 'bibl': 'Work', 'biblStruct': 'Work',
      'corrected': 'Corrected reading', 'diplomatic': 'Diplomatic reading (copy-text)',
      'editorial': 'Editorial note', 'contents': 'Contents', 'register': 'Register',
      'about': 'About this text', 'provenance': 'Translation provenance', 'cite': 'Cite this',
      'page': 'Page', 'licence': 'Licence', 'version': 'Version', 'last-change': 'Last change',
      'high': 'certain', 'medium': 'probable', 'low': 'uncertain', 'unknown': 'unknown' }"/>

  <xsl:function name="ed:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="($ed:labels($key), $key)[1]"/>
  </xsl:function>

  <!-- Documents -->

  <xsl:function name="ed:document-id" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="string($node/ancestor-or-self::ed:document[1]/@id)"/>
  </xsl:function>

  <!-- The edition's document a correspContext pointer names ("L00012.xml", "#L00012", "L00012"), when
       its last step is a document id; else nothing. -->
  <xsl:function name="ed:context-document" as="xs:string">
    <xsl:param name="target" as="attribute()?"/>
    <xsl:variable name="last" select="replace(tokenize(normalize-space($target), '[/#]')[normalize-space()][last()], '\.xml$', '')"/>
    <xsl:sequence select="($last[exists(key('ed:document-by-id', ., $ed:edition))], '')[1]"/>
  </xsl:function>

  <xsl:function name="ed:title" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="titles" select="$tei/teiHeader/fileDesc/titleStmt/title"/>
    <!-- the document's own title: a series' or journal's title (@level s, j) names what it belongs to -->
    <xsl:variable name="own" select="$titles[not(@level = ('s', 'j'))]"/>
    <xsl:variable name="main" select="($own[@type = 'main'], $own[not(@type)], $own, $titles)[1]"/>
    <xsl:variable name="sub" select="$titles[@type = 'sub'][1]"/>
    <xsl:sequence select="string-join((ed:text($main), ed:text($sub))[normalize-space()], ': ')
                          => ed:or(ed:document-id($tei))"/>
  </xsl:function>

  <xsl:function name="ed:authors" as="xs:string*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="$tei/teiHeader/fileDesc/titleStmt/author
                          ! (ed:entity-name(ed:entity(.//@ref[1], .)) => ed:or(ed:display-name(.)))"/>
  </xsl:function>

  <xsl:function name="ed:document-url" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="$ed:settings/@base-url || ed:document-id($tei) || '.html'"/>
  </xsl:function>

  <!-- The day the document last changed: its latest revisionDesc change, else its publication date. -->
  <xsl:function name="ed:last-change" as="xs:string?">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="days" as="xs:string*"
        select="($tei/teiHeader/revisionDesc//change/(@when, @notAfter),
                 $tei/teiHeader/fileDesc/publicationStmt/date/@when)[. castable as xs:date] ! string()"/>
    <xsl:sequence select="(max($days ! xs:date(.)) ! string(), $ed:settings/@build-date[normalize-space()])[1]"/>
  </xsl:function>

  <!-- Register lookup -->

  <!-- The id a pointer names: "#x", "reg:x" (through the document's prefixDef), "file.xml#x". -->
  <xsl:function name="ed:fragment" as="xs:string?">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="tei" as="element(TEI)?"/>
    <xsl:variable name="prefix" select="substring-before($pointer, ':')"/>
    <xsl:variable name="definition"
        select="$tei/teiHeader/encodingDesc/listPrefixDef/prefixDef[@ident = $prefix][1]"/>
    <xsl:variable name="expanded" select="if ($definition and matches(substring-after($pointer, ':'), $definition/@matchPattern))
        then replace(substring-after($pointer, ':'), $definition/@matchPattern, $definition/@replacementPattern)
        else $pointer"/>
    <xsl:sequence select="if (contains($expanded, '#')) then substring-after($expanded, '#')[. != ''] else ()"/>
  </xsl:function>

  <!-- The register entry a @ref (its first pointer) names, or nothing: looked up in the register's
       table of pointers, as the pointer's document uses it ("#x", "reg:x" by the document's prefixDef,
       "file.xml#x", an authority URI in any spelling, a bare id). An index without a merged register
       (a fragment in a test) is searched by id: the pointer's own document first, then the index. -->
  <xsl:function name="ed:entity" as="element()?">
    <xsl:param name="ref" as="xs:string?"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="pointer" select="tokenize($ref)[1]"/>
    <!-- most pointers name an entry by its key: the table holds only the others (registers.py) -->
    <xsl:variable name="id" select="$pointer ! ed:fragment(normalize-space(.), $context/ancestor-or-self::TEI[1])"/>
    <xsl:variable name="by-id" select="$id ! $ed:register-entries(.)"/>
    <xsl:variable name="listed" select="if (exists($by-id) or empty($pointer)) then ()
        else ($ed:register-pointers(ed:pointer-scope($context) || ' ' || $pointer), $ed:register-pointers(' ' || $pointer))[1]"/>
    <xsl:sequence select="if (exists($by-id)) then $by-id
        else if ($listed) then $ed:register-entries($listed)
        else ($id ! (key('ed:register-alias', ., $ed:edition),
                     (key('ed:by-id', ., root($context)), key('ed:by-id', ., $ed:edition))
                     [local-name() = map:keys($ed:entity-kinds)]))[1]"/>
  </xsl:function>

  <!-- The document whose prefixDefs a pointer is read with: the one it stands in (wrapped in the
       index, or the document of a fact about it), or for a merged register entry the document it
       was described in. -->
  <xsl:function name="ed:pointer-scope" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="string(($context/ancestor-or-self::ed:document[1]/@id, $context/ancestor-or-self::ed:facts[1]/@id,
                                  $context/ancestor-or-self::*[@ed:document][1]/@ed:document)[1])"/>
  </xsl:function>

  <xsl:function name="ed:entity-name" as="xs:string?">
    <xsl:param name="entity" as="element()?"/>
    <xsl:variable name="names" select="$entity/(persName, placeName, orgName, label, name, title)"/>
    <xsl:sequence select="ed:display-name(($names[@type = 'normalised'], $names[not(@xml:lang) or @xml:lang = 'en'], $names)[1])[. != '']"/>
  </xsl:function>

  <!-- A name as a reader expects it: a person's forename before the surname, whether the source has
       parts (surname, forename in any order) or "Surname, Forename" as an index gives it. Other names
       (places: "Dresden, Sachsen") are left as they are. The parts are listed one by one: a path
       would give them in document order. -->
  <xsl:function name="ed:display-name" as="xs:string?">
    <xsl:param name="name" as="element()?"/>
    <xsl:variable name="text" select="ed:text($name)"/>
    <xsl:variable name="personal" select="exists($name/(self::persName, self::author, self::editor, parent::person))"/>
    <!-- an author or editor may hold the persName with the parts -->
    <xsl:variable name="parts" select="($name[surname], $name/persName[surname])[1]"/>
    <xsl:sequence select="
        if (not($personal)) then $text
        else if ($parts/surname and $parts/forename)
          then string-join(($parts/roleName, $parts/forename, $parts/nameLink, $parts/surname, $parts/genName) ! ed:text(.), ' ')
        else if (matches($text, '^[^,]+,\s*[^,]+$')) then replace($text, '^([^,]+),\s*(.+)$', '$2 $1')
        else $text"/>
  </xsl:function>

  <xsl:function name="ed:entity-description" as="xs:string?">
    <xsl:param name="entity" as="element()?"/>
    <!-- the description's content: ed:text() of the note itself would be empty (ed:plain leaves notes out) -->
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="($entity/note[@type = 'description'], $entity/desc, $entity/note)[1]/node()" mode="ed:plain"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($parts))[. != '']"/>
  </xsl:function>

  <!-- Every authority identifier of an entry as map { type, label, id, uri, cert }: as the merged
       register gives it (ed:scheme, ed:id and the canonical ed:uri, registers.py), else by its @type
       (in any case); a value that is already a URI is never prefixed again. -->
  <xsl:function name="ed:authority-ids" as="map(xs:string, xs:string)*">
    <xsl:param name="entity" as="element()?"/>
    <xsl:for-each select="$entity/idno[normalize-space()]">
      <xsl:variable name="value" select="normalize-space(.)"/>
      <xsl:variable name="type" select="(@ed:scheme, @type[. = map:keys($ed:authorities)], @type[lower-case(.) = map:keys($ed:authorities)] ! lower-case(.))[1] ! string()"/>
      <xsl:variable name="authority" select="($type ! $ed:authorities(.), map { 'label': 'Web', 'prefix': '' }[current()/@ed:uri])[1]"/>
      <xsl:if test="exists($authority)">
        <xsl:variable name="is-uri" select="matches($value, '^https?://')"/>
        <xsl:sequence select="map {
            'type': ($type, 'URI')[1], 'label': $authority('label'),
            'id': string((@ed:id, $value[not($is-uri) or $type = 'URI'], replace($value, '^.*/([^/]+)/?$', '$1'))[1]),
            'uri': string((@ed:uri, $value[$is-uri], $authority('prefix') || $value)[1]), 'cert': string(@cert) }"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="ed:authority-uri" as="xs:string?">
    <xsl:param name="entity" as="element()?"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="ed:authority-ids($entity)[?type = $type][1]?uri"/>
  </xsl:function>

  <!-- Dates -->

  <!-- How each language writes a date for its readers, keyed by the ISO 639 codes a TEI header uses
       (langUsage/language/@ident, @xml:lang): a table, since Saxon-HE names months in English only.
       A language without a row is written the English way. -->
  <xsl:variable name="ed:date-styles" as="map(xs:string, map(*))">
    <xsl:variable name="english" select="map { 'after-day': ' ', 'months': ('January', 'February', 'March',
        'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December') }"/>
    <xsl:variable name="german" select="map { 'after-day': '. ', 'months': ('Januar', 'Februar', 'März',
        'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember') }"/>
    <xsl:sequence select="map { 'en': $english, 'eng': $english, 'de': $german, 'deu': $german, 'ger': $german }"/>
  </xsl:variable>

  <!-- The date style of the document $node belongs to: its declared language, else its @xml:lang. -->
  <xsl:function name="ed:date-style" as="map(*)">
    <xsl:param name="node" as="node()?"/>
    <xsl:variable name="tei" select="$node/ancestor-or-self::TEI[1]"/>
    <xsl:variable name="codes" select="($tei/teiHeader/profileDesc/langUsage/language/@ident, $tei/text/@xml:lang,
                                        $tei/@xml:lang) ! lower-case(tokenize(normalize-space(.), '-')[1])"/>
    <xsl:sequence select="($codes[map:contains($ed:date-styles, .)] ! $ed:date-styles(.), $ed:date-styles?en)[1]"/>
  </xsl:function>

  <!-- An ISO date of any precision (1919, 1919-04, 1919-04-28) in words: "28 April 1919". -->
  <xsl:function name="ed:format-iso" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:sequence select="ed:format-iso($iso, ())"/>
  </xsl:function>

  <!-- The same in the style of the document $context belongs to: "19. August 1892" in a German letter. -->
  <xsl:function name="ed:format-iso" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:param name="context" as="node()?"/>
    <xsl:variable name="style" select="ed:date-style($context)"/>
    <xsl:variable name="month" select="if ($iso castable as xs:gYearMonth or $iso castable as xs:date)
                                       then $style?months[xs:integer(substring($iso, 6, 2))] else ()"/>
    <xsl:sequence select="
        if ($iso castable as xs:date) then xs:integer(substring($iso, 9, 2)) || $style?after-day || $month || ' ' || number(substring($iso, 1, 4))
        else if ($iso castable as xs:gYearMonth) then $month || ' ' || number(substring($iso, 1, 4))
        else if ($iso castable as xs:gYear) then string(number($iso))
        else $iso"/>
  </xsl:function>

  <!-- A dating element's normalised value in words, with its uncertainty: "before 10 June 1920". -->
  <xsl:function name="ed:format-date" as="xs:string?">
    <xsl:param name="date" as="element()?"/>
    <xsl:sequence select="
        if (not($date)) then ()
        else if ($date/@when) then ed:format-iso($date/@when, $date)
        else if ($date/@from and $date/@to) then ed:format-iso($date/@from, $date) || '–' || ed:format-iso($date/@to, $date)
        else if ($date/@notBefore and $date/@notAfter)
          then 'between ' || ed:format-iso($date/@notBefore, $date) || ' and ' || ed:format-iso($date/@notAfter, $date)
        else if ($date/@from) then 'from ' || ed:format-iso($date/@from, $date)
        else if ($date/@to) then 'until ' || ed:format-iso($date/@to, $date)
        else if ($date/@notBefore) then 'after ' || ed:format-iso($date/@notBefore, $date)
        else if ($date/@notAfter) then 'before ' || ed:format-iso($date/@notAfter, $date)
        else ()"/>
  </xsl:function>

  <!-- The ISO value of a dating element for machines: when, or from/to, or notBefore/notAfter. -->
  <xsl:function name="ed:iso-value" as="xs:string?">
    <xsl:param name="date" as="element()?"/>
    <xsl:sequence select="($date/@when, string-join(($date/@from, $date/@to), '/')[contains(., '/')],
                           string-join(($date/@notBefore, $date/@notAfter), '/')[contains(., '/')],
                           $date/(@from, @notBefore, @to, @notAfter))[normalize-space()][1] ! string()"/>
  </xsl:function>

  <xsl:function name="ed:life-dates" as="xs:string?">
    <xsl:param name="entity" as="element()?"/>
    <xsl:variable name="born" select="ed:format-date($entity/birth[1])"/>
    <xsl:variable name="died" select="ed:format-date($entity/death[1])"/>
    <xsl:sequence select="if ($born or $died) then ($born, '?')[1] || ' – ' || ($died, '?')[1]
                          else ed:format-date($entity[self::event or self::org or self::place])"/>
  </xsl:function>

  <!-- The reading policy -->

  <xsl:function name="ed:chosen" as="element()*">
    <xsl:param name="choice" as="element(choice)"/>
    <xsl:param name="reading" as="xs:string"/>
    <xsl:sequence select="$choice/*[local-name() = $ed:readings($reading)]"/>
  </xsl:function>

  <!-- What a reading shows of a choice: its chosen alternative, or, when the policy knows none of
       them (a choice of other elements), the first. -->
  <xsl:function name="ed:shown" as="element()*">
    <xsl:param name="choice" as="element(choice)"/>
    <xsl:param name="reading" as="xs:string"/>
    <xsl:variable name="chosen" select="ed:chosen($choice, $reading)"/>
    <xsl:sequence select="if (exists($chosen)) then $chosen else $choice/*[1]"/>
  </xsl:function>

  <xsl:function name="ed:alternative" as="element()*">
    <xsl:param name="choice" as="element(choice)"/>
    <xsl:param name="reading" as="xs:string"/>
    <xsl:sequence select="$choice/*[local-name() = $ed:readings(if ($reading = 'corrected') then 'diplomatic' else 'corrected')]"/>
  </xsl:function>

  <!-- Text -->

  <!-- An element's text in one line, with notes left out and the corrected reading of choices. -->
  <xsl:function name="ed:text" as="xs:string">
    <xsl:param name="node" as="node()?"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$node" mode="ed:plain"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($parts))"/>
  </xsl:function>

  <xsl:mode name="ed:plain" on-no-match="text-only-copy"/>
  <xsl:template match="note | teiHeader | pb/@* " mode="ed:plain"/>
  <xsl:template match="choice" mode="ed:plain">
    <xsl:apply-templates select="ed:shown(., 'corrected')" mode="ed:plain"/>
  </xsl:template>
  <xsl:template match="lb" mode="ed:plain">
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- ==================================================================================
       Added for the publishing outputs (HTML, text, print): numbering, anchors, where an element
       is rendered, occurrences, witnesses, citation, renditions, and the block/inline decision
       for elements no output has a rule for. All format-neutral.
       ================================================================================== -->

  <xsl:variable name="ed:publishing-labels" as="map(xs:string, xs:string)" select="map {
      'sic': 'copy-text', 'corr': 'corrected', 'orig': 'original spelling', 'reg': 'regularised',
      'abbr': 'abbreviation', 'expan': 'expansion', 'notes': 'Notes', 'paragraph': 'Paragraph',
      'note': 'note', 'dateline': 'dateline', 'opener': 'opening', 'closer': 'closing', 'head': 'heading',
      'titlePage': 'title page', 'div': 'section', 'title': 'title', 'creation': 'creation',
      'correspondence': 'correspondence', 'witnesses': 'witnesses', 'sent': 'Sent', 'received': 'Received',
      'transmitted': 'Transmitted', 'forwarded': 'Forwarded', 'redirected': 'Redirected',
      'printingOf': 'printing of', 'translationOf': 'translation of', 'transcriptionOf': 'transcription of',
      'revisionOf': 'revision of', 'copyOf': 'copy of', 'editionOf': 'edition of', 'reprintOf': 'reprint of',
      'publicationOf': 'publication of', 'reproductionOf': 'reproduction of', 'versionOf': 'version of',
      'textual': 'Textual note', 'commentary': 'Commentary',
      'julian': 'Julian calendar', 'gregorian': 'Gregorian calendar', 'this-edition': 'This edition',
      'no-source': 'no witness named: the editors’ correction', 'p': 'paragraph', 'lg': 'verse',
      'item': 'list item', 'ab': 'block', 'body': 'text', 'front': 'front matter', 'back': 'back matter',
      'TEI': 'text', 'text': 'text', 'declarations': 'editorial declarations', 'revisions': 'revisions' }"/>

  <!-- A publishing label: the shared labels first, then these, then the key itself. -->
  <xsl:function name="ed:term" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="($ed:labels($key), $ed:publishing-labels($key), $key)[1]"/>
  </xsl:function>

  <!-- Certainty in words, or nothing when the encoder recorded none. -->
  <xsl:function name="ed:cert-label" as="xs:string?">
    <xsl:param name="cert" as="attribute()?"/>
    <xsl:sequence select="$cert[normalize-space()] ! ed:label(normalize-space(.))"/>
  </xsl:function>

  <!-- Numbering: notes of the text and numbered paragraphs count from 1 in each document. -->

  <!-- Paragraphs of the running text get numbers; those inside notes, quotations, lists, tables,
       figures and speeches belong to something else, and those of the front and back matter (an editors'
       introduction, an apparatus) are not the text the numbers cite. -->
  <xsl:function name="ed:is-numbered" as="xs:boolean">
    <xsl:param name="p" as="element()"/>
    <xsl:sequence select="exists($p[self::p][ancestor::text][not(ancestor::front or ancestor::back)])
        and empty($p/ancestor::*[self::note or self::quote or self::q or self::cit or self::list or self::table
                                 or self::figure or self::sp or self::floatingText or self::said or self::titlePage])"/>
  </xsl:function>

  <!-- Numbers come from accumulators: one pass over a document numbers all its elements, so that
       numbering stays linear in the document's size (xsl:number level="any" per element is quadratic). -->
  <xsl:accumulator name="ed:paragraph-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="TEI | p" select="if (self::TEI) then 0 else if (ed:is-numbered(.)) then $value + 1 else $value"/>
  </xsl:accumulator>

  <xsl:accumulator name="ed:note-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="TEI | note" select="if (self::TEI) then 0 else if (ancestor::text) then $value + 1 else $value"/>
  </xsl:accumulator>

  <!-- Per element name, how many of that name the document has had so far (for ed:id). -->
  <xsl:accumulator name="ed:element-count" as="map(xs:string, xs:integer)" initial-value="map {}">
    <xsl:accumulator-rule match="*" select="let $name := local-name(), $counts := if (self::TEI) then map {} else $value
                                            return map:put($counts, $name, ($counts($name), 0)[1] + 1)"/>
  </xsl:accumulator>

  <!-- Verse lines count from the start of their division. -->
  <xsl:accumulator name="ed:line-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="div | div1 | div2 | div3 | body | front | back | l"
        select="if (self::l) then $value + 1 else 0"/>
  </xsl:accumulator>

  <xsl:function name="ed:paragraph-number" as="xs:integer">
    <xsl:param name="p" as="element(p)"/>
    <xsl:sequence select="$p ! accumulator-before('ed:paragraph-count')"/>
  </xsl:function>

  <xsl:function name="ed:note-number" as="xs:integer">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="$note ! accumulator-before('ed:note-count')"/>
  </xsl:function>

  <!-- A verse line's number in its division, and whether it is shown: every fifth, or its @n. -->
  <xsl:function name="ed:line-number" as="xs:string?">
    <xsl:param name="line" as="element(l)"/>
    <xsl:variable name="number" select="$line ! accumulator-before('ed:line-count')"/>
    <xsl:sequence select="($line/@n ! string(), string($number)[$number mod 5 = 0])[1]"/>
  </xsl:function>

  <!-- The notes of a document's text, in order. -->
  <xsl:function name="ed:text-notes" as="element(note)*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="$tei/text//note"/>
  </xsl:function>

  <!-- A stable identifier for any element: its xml:id, else its name and its number among the
       elements of that name in the document ("p-12", "pb-2"). Never generate-id(). -->
  <xsl:function name="ed:id" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="if ($element/@xml:id) then string($element/@xml:id) else ed:numbered-id($element)"/>
  </xsl:function>

  <xsl:function name="ed:numbered-id" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="local-name($element) || '-' || ($element ! accumulator-before('ed:element-count'))(local-name($element))"/>
  </xsl:function>

  <!-- Where an element is read: the register (entities), the text, or the header ("about"). -->
  <xsl:function name="ed:page-of" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if ($node/self::ed:target) then string($node/@page)
                          else if ($node/ancestor-or-self::*[parent::ed:register] or $node/ancestor-or-self::*[local-name() = map:keys($ed:entity-kinds)][@xml:id]) then 'register'
                          else if ($node/ancestor-or-self::text) then 'text'
                          else 'about'"/>
  </xsl:function>

  <!-- The element an occurrence is cited by: its entity, numbered paragraph, note or block in the
       text; its witness or section in the header. -->
  <xsl:function name="ed:anchor" as="element()">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="element" select="$node/ancestor-or-self::*[1]"/>
    <xsl:sequence select="(
        $element/self::ed:target,
        $element/ancestor-or-self::*[parent::ed:register][1],
        $element/ancestor-or-self::*[local-name() = map:keys($ed:entity-kinds)][@xml:id][1],
        $element/ancestor-or-self::note[ancestor::text][1],
        $element/ancestor-or-self::p[ed:is-numbered(.)][1],
        $element/ancestor-or-self::*[ancestor::text][self::dateline or self::head or self::titlePage or self::opener
                                     or self::closer or self::lg or self::item or self::ab or self::p][1],
        $element/ancestor-or-self::bibl[@xml:id][ancestor::teiHeader][1],
        $element/ancestor-or-self::*[local-name() = map:keys($ed:header-sections)][1],
        $element/ancestor-or-self::*[self::div or self::body or self::front or self::back or self::TEI][1])[1]"/>
  </xsl:function>

  <!-- Header parts that the "about" page shows as sections, by element name → section id. -->
  <xsl:variable name="ed:header-sections" as="map(xs:string, xs:string)" select="map {
      'titleStmt': 'title', 'editionStmt': 'title', 'publicationStmt': 'title', 'sourceDesc': 'witnesses',
      'creation': 'creation', 'correspDesc': 'correspondence', 'encodingDesc': 'declarations',
      'revisionDesc': 'revisions', 'profileDesc': 'creation', 'langUsage': 'creation', 'textClass': 'creation' }"/>

  <!-- The section of the "about" page an element of the header is shown in (its id there). -->
  <xsl:function name="ed:about-anchor" as="xs:string">
    <xsl:param name="anchor" as="element()"/>
    <xsl:sequence select="if ($anchor[self::bibl][@xml:id]) then string($anchor/@xml:id)
                          else ($ed:header-sections(local-name($anchor)), 'title')[1]"/>
  </xsl:function>

  <!-- How an anchor is named in a list of occurrences: "¶ 12", "note 3", "dateline", "witnesses". -->
  <xsl:function name="ed:anchor-label" as="xs:string">
    <xsl:param name="anchor" as="element()"/>
    <xsl:sequence select="
        if ($anchor/self::ed:target) then string($anchor/@label)
        else if ($anchor[self::p][ed:is-numbered(.)]) then '¶ ' || ed:paragraph-number($anchor)
        else if ($anchor[self::note][ancestor::text]) then ed:term('note') || ' ' || ed:note-number($anchor)
        else if ($anchor[local-name() = map:keys($ed:entity-kinds)] or $anchor/parent::ed:register) then (ed:entity-name($anchor), $anchor/@xml:id)[1]
        else if ($anchor[self::bibl]) then ed:witness-label($anchor)
        else if ($anchor[ancestor::teiHeader or self::teiHeader]) then ed:term(ed:about-anchor($anchor))
        else ed:term(local-name($anchor))"/>
  </xsl:function>

  <!-- Every element of the edition whose @ref names the entity. -->
  <xsl:function name="ed:occurrences" as="element()*">
    <xsl:param name="entity" as="element()"/>
    <xsl:sequence select="key('ed:references', string($entity/@xml:id), $ed:edition)"/>
  </xsl:function>

  <!-- The page of its own a register entry has when the register is large: register/<kind>/<id>.html. -->
  <xsl:function name="ed:entry-page-path" as="xs:string">
    <xsl:param name="entity" as="element()"/>
    <xsl:sequence select="'register/' || ed:entity-kind($entity) || '/' || $entity/@xml:id || '.html'"/>
  </xsl:function>

  <!-- Where the web edition shows a register entry, from the site's root: on its kind's page, or on
       a page of its own when the register is large (ed:register/@pages, edition.py). -->
  <xsl:function name="ed:register-path" as="xs:string">
    <xsl:param name="entity" as="element()"/>
    <xsl:sequence select="if ($ed:edition/ed:edition/ed:register/@pages = 'entries' and $entity/parent::ed:register)
                          then ed:entry-page-path($entity)
                          else 'register/' || ed:entity-kind($entity) || '.html#' || $entity/@xml:id"/>
  </xsl:function>

  <xsl:function name="ed:entity-kind" as="xs:string">
    <xsl:param name="entity" as="element()"/>
    <xsl:sequence select="($entity/@ed:kind ! string(), $ed:entity-kinds(local-name($entity)), 'works')[1]"/>
  </xsl:function>

  <!-- The register kinds that have entries, in the order of $ed:entity-kinds' plural labels. -->
  <xsl:variable name="ed:register-kinds" as="xs:string*" select="
      if ($ed:edition/ed:edition/@register-kinds) then tokenize($ed:edition/ed:edition/@register-kinds)
      else ('persons', 'places', 'organisations', 'events', 'works')[. = ed:all-entities() ! ed:entity-kind(.)]"/>

  <!-- Every entry of the edition's register: the merged register's, else (an index made by hand) every
       element of an entry kind with an id. -->
  <xsl:function name="ed:all-entities" as="element()*">
    <xsl:variable name="merged" select="$ed:edition/ed:edition/ed:register"/>
    <xsl:sequence select="if ($merged) then $merged/*[@xml:id]
                          else $ed:edition//*[local-name() = map:keys($ed:entity-kinds)][@xml:id]
                                        [namespace-uri() = 'http://www.tei-c.org/ns/1.0']"/>
  </xsl:function>

  <xsl:function name="ed:entities" as="element()*">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="ed:all-entities()[ed:entity-kind(.) = $kind]"/>
  </xsl:function>

  <!-- Pointers ("#x", "reg:x", "file.xml#x") resolved to elements of the edition. -->
  <xsl:function name="ed:targets" as="element()*">
    <xsl:param name="pointers" as="attribute()?"/>
    <xsl:sequence select="for $pointer in tokenize($pointers),
                              $id in ed:fragment($pointer, $pointers/ancestor::TEI[1])
                          return ed:target($id, $pointers)"/>
  </xsl:function>

  <!-- An id looked up in the pointer's own document, then in the index (the registers), then among
       the other texts' targets (a per-document index): each further look only when the nearer one
       found nothing, so that the indexes of the farther ones are built only when needed. -->
  <xsl:function name="ed:target" as="element()?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="pointer" as="node()"/>
    <xsl:variable name="own" select="key('ed:by-id', $id, ($pointer/ancestor::ed:document[1], root($pointer))[1])"/>
    <xsl:variable name="indexed" select="if (exists($own)) then () else key('ed:by-id', $id, $ed:edition)"/>
    <xsl:sequence select="if (exists($own)) then $own[1] else if (exists($indexed)) then $indexed[1]
                          else (key('ed:target-by-id', $id, $ed:edition), key('ed:register-alias', $id, $ed:edition))[1]"/>
  </xsl:function>

  <!-- Dates of a dating element in words, with a calendar and certainty: "March 1917 (Julian
       calendar: February 1917; probable)". -->
  <xsl:function name="ed:date-description" as="xs:string?">
    <xsl:param name="date" as="element()?"/>
    <xsl:variable name="calendar" select="$date/@datingMethod ! ed:fragment(., $date/ancestor::TEI[1])"/>
    <xsl:variable name="custom" select="$date/@when-custom[normalize-space()] ! (ed:term(($calendar, 'custom')[1]) || ': ' || ed:format-iso(.))"/>
    <xsl:variable name="qualifiers" select="($custom, ed:cert-label($date/@cert))"/>
    <xsl:sequence select="ed:format-date($date) ! (. || (if (exists($qualifiers)) then ' (' || string-join($qualifiers, '; ') || ')' else ''))"/>
  </xsl:function>

  <!-- ISO 8601 durations of whole units in words: "P2Y" → "2 years". -->
  <xsl:function name="ed:format-duration" as="xs:string?">
    <xsl:param name="duration" as="xs:string?"/>
    <xsl:variable name="units" select="map { 'Y': 'year', 'M': 'month', 'W': 'week', 'D': 'day' }"/>
    <xsl:sequence select="if (matches($duration, '^P\d+[YMWD]$'))
        then let $n := xs:integer(replace($duration, '\D', '')), $unit := $units(replace($duration, '^P\d+', ''))
             return $n || ' ' || $unit || (if ($n = 1) then '' else 's')
        else $duration"/>
  </xsl:function>

  <!-- Witnesses -->

  <!-- A short name for a witness: a listWit witness by its siglum (@n); a bibl by its journal, monograph or
       publisher, with its year. -->
  <xsl:function name="ed:witness-label" as="xs:string">
    <xsl:param name="bibl" as="element()"/>
    <xsl:variable name="year" select="$bibl/date[1]/(@when, @notBefore, @from)[1] ! substring(., 1, 4)"/>
    <xsl:sequence select="if ($bibl[self::witness]/@n) then string($bibl/@n)
                          else ed:text(ed:witness-name($bibl)) || $year ! (' (' || . || ')')"/>
  </xsl:function>

  <!-- The element a witness is known by: its journal, monograph, publisher or title. -->
  <xsl:function name="ed:witness-name" as="element()">
    <xsl:param name="bibl" as="element()"/>
    <xsl:sequence select="($bibl/title[@level = 'j'], $bibl/title[@level = 'm'], $bibl/publisher,
                           $bibl/title, $bibl)[normalize-space()][1]"/>
  </xsl:function>

  <!-- The witness the edition transcribes. -->
  <xsl:function name="ed:copy-text" as="element()?">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="sources" select="$tei/teiHeader/fileDesc/sourceDesc"/>
    <xsl:sequence select="($sources//*[self::bibl or self::biblStruct or self::msDesc]
                             [@type = 'copy-text' or note/@type = 'copy-text'],
                           $sources/(bibl, biblStruct, biblFull, msDesc)[1])[1]"/>
  </xsl:function>

  <!-- The witnesses linked to the copy-text by relatedItem, in the order they came into being:
       by date, an undated one right after the witness it derives from. Unlinked ones stay out. -->
  <xsl:function name="ed:provenance-chain" as="element()*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="witnesses" select="$tei/teiHeader/fileDesc/sourceDesc//bibl[@xml:id]"/>
    <xsl:variable name="linked" select="ed:linked-witnesses(ed:copy-text($tei)[@xml:id], $witnesses)"/>
    <xsl:perform-sort select="$witnesses[. intersect $linked]">
      <xsl:sort select="ed:witness-sort-key(., 0)"/>
    </xsl:perform-sort>
  </xsl:function>

  <!-- The witnesses connected to $found through relatedItem, in either direction. -->
  <xsl:function name="ed:linked-witnesses" as="element()*">
    <xsl:param name="found" as="element()*"/>
    <xsl:param name="witnesses" as="element()*"/>
    <xsl:variable name="more" select="$witnesses[not(. intersect $found)]
        [exists(relatedItem ! ed:targets(@target) intersect $found)
         or exists(. intersect $found/relatedItem ! ed:targets(@target))]"/>
    <xsl:sequence select="if (empty($more)) then $found else ed:linked-witnesses(($found, $more), $witnesses)"/>
  </xsl:function>

  <xsl:function name="ed:witness-sort-key" as="xs:string">
    <xsl:param name="bibl" as="element()"/>
    <xsl:param name="depth" as="xs:integer"/>
    <xsl:variable name="own" select="$bibl/date[1]/(@when, @notBefore, @from, @notAfter, @to)[1]"/>
    <xsl:variable name="source" select="ed:targets($bibl/relatedItem[1]/@target)[self::bibl][1]"/>
    <xsl:sequence select="if ($own) then string($own)
        else if ($source and $depth lt 20) then ed:witness-sort-key($source, $depth + 1) || '~'
        else '~'"/>
  </xsl:function>

  <!-- The witnesses a correction names in corr/@source, or a reg's. -->
  <xsl:function name="ed:source-witnesses" as="element()*">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="ed:targets($element/@source)"/>
  </xsl:function>

  <!-- Citation -->

  <xsl:function name="ed:edition-version" as="xs:string?">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="$tei/teiHeader/fileDesc/editionStmt/edition/@n[normalize-space()] ! string()"/>
  </xsl:function>

  <xsl:function name="ed:licence" as="map(xs:string, xs:string)">
    <xsl:param name="tei" as="element(TEI)?"/>
    <xsl:variable name="licence" select="$tei/teiHeader/fileDesc/publicationStmt/availability/licence[1]"/>
    <xsl:sequence select="if ($licence) then map { 'text': ed:text($licence), 'url': string($licence/@target) }
                          else map { 'text': string($ed:settings/@licence), 'url': string($ed:settings/@licence-url) }"/>
  </xsl:function>

  <!-- "Author, Title, ed. Editor, version 1.0 (25 November 2026), URL." -->
  <xsl:function name="ed:suggested-citation" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="string-join((ed:citation-parts($tei), ed:document-url($tei)), ', ') || '.'"/>
  </xsl:function>

  <!-- The title to show a reader: the header's, else the title page's, else the document id. -->
  <xsl:function name="ed:display-title" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="if ($tei/teiHeader/fileDesc/titleStmt/title[normalize-space()]) then ed:title($tei)
        else (string-join($tei/text/front//docTitle[1]/titlePart ! ed:text(.), ': ')[normalize-space()],
              ed:text($tei/text/front//docTitle[1])[normalize-space()], ed:title($tei))[1]"/>
  </xsl:function>

  <!-- The suggested citation without its URL, for citing a part of the text. -->
  <xsl:function name="ed:citation-parts" as="xs:string*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="header" select="$tei/teiHeader/fileDesc"/>
    <xsl:variable name="editors" select="$header/titleStmt/editor ! ed:text(.)[. != '']"/>
    <xsl:variable name="date" select="($header/editionStmt//date, $header/publicationStmt/date)[@when][1]"/>
    <xsl:sequence select="
        string-join(ed:authors($tei), ', ')[. != ''],
        ed:display-title($tei),
        string-join($editors, ', ')[. != ''] ! ('ed. ' || .),
        string-join((ed:edition-version($tei) ! ('version ' || .), $date ! ('(' || ed:format-iso(@when) || ')')), ' ')[. != '']"/>
  </xsl:function>

  <!-- Renditions -->

  <!-- The CSS an element's rendition asks for: @rendition pointers to CSS renditions, @rend keywords,
       @style. -->
  <xsl:variable name="ed:rend-keywords" as="map(xs:string, xs:string)" select="map {
      'italic': 'font-style: italic;', 'italics': 'font-style: italic;', 'i': 'font-style: italic;',
      'bold': 'font-weight: bold;', 'b': 'font-weight: bold;', 'underline': 'text-decoration: underline;',
      'strikethrough': 'text-decoration: line-through;', 'smallcaps': 'font-variant: small-caps;',
      'sc': 'font-variant: small-caps;', 'sup': 'vertical-align: super; font-size: smaller;',
      'superscript': 'vertical-align: super; font-size: smaller;', 'sub': 'vertical-align: sub; font-size: smaller;',
      'subscript': 'vertical-align: sub; font-size: smaller;', 'caps': 'text-transform: uppercase;',
      'center': 'text-align: center;', 'right': 'text-align: right;', 'spaced': 'letter-spacing: 0.15em;' }"/>

  <xsl:function name="ed:rendition-css" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="declared" select="ed:targets($element/@rendition)[self::rendition][not(@scheme) or @scheme = 'css']"/>
    <xsl:sequence select="normalize-space(string-join((
        $declared ! normalize-space(.),
        tokenize($element/@rend) ! lower-case(.) ! $ed:rend-keywords(.),
        $element/@style ! normalize-space(.)), ' '))"/>
  </xsl:function>

  <!-- Whether an element's rendition is emphasis (italic, bold, underline): the text output marks it. -->
  <xsl:function name="ed:is-emphasised" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="matches(ed:rendition-css($element), 'italic|bold|underline')"/>
  </xsl:function>

  <!-- Block or inline -->

  <!-- The element names of each layout, from the behaviour table (by name: predicates do not matter
       here). Blocks stand on their own in every output; containers hold blocks, so whatever stands in
       them with no running text is a block; markers stand where they are and never make what holds
       them a block (a note's paragraphs are the note's, not its paragraph's). -->
  <!-- Static: worked out once, when the stylesheet compiles, not in every transformation (each letter's
       page, "about" page and plain text read them; made at run time they cost a fifth of a millisecond each). -->
  <xsl:variable name="ed:block-names" static="yes" as="xs:string*" select="distinct-values($ed:behaviour-rows
      [string(.) = map:keys($ed:layouts)[$ed:layouts(.) = ('container', 'block')]]/@match ! replace(., '\[.*$', ''))"/>
  <xsl:variable name="ed:container-names" static="yes" as="xs:string*" select="distinct-values($ed:behaviour-rows
      [string(.) = map:keys($ed:layouts)[$ed:layouts(.) = 'container']]/@match ! replace(., '\[.*$', ''))"/>
  <xsl:variable name="ed:marker-names" static="yes" as="xs:string*" select="distinct-values($ed:behaviour-rows
      [string(.) = map:keys($ed:layouts)[$ed:layouts(.) = 'marker']]/@match ! replace(., '\[.*$', ''))"/>
  <!-- The same as sets: asked of every element and its descendants, a look-up in a map, not a walk
       along a hundred names. -->
  <xsl:variable name="ed:is-block-name" static="yes" as="map(xs:string, xs:boolean)" select="map:merge($ed:block-names ! map { .: true() })"/>
  <xsl:variable name="ed:is-container-name" static="yes" as="map(xs:string, xs:boolean)" select="map:merge($ed:container-names ! map { .: true() })"/>
  <xsl:variable name="ed:is-marker-name" static="yes" as="map(xs:string, xs:boolean)" select="map:merge($ed:marker-names ! map { .: true() })"/>

  <!-- Whether an element reads as a block: it is a known block, it holds one, or it stands in a
       container with no running text beside it ("<opener><dateline>", an unknown element in a div). -->
  <xsl:function name="ed:is-block" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="not(map:contains($ed:is-marker-name, local-name($element))) and (
        map:contains($ed:is-block-name, local-name($element))
        or ed:holds-blocks($element)
        or exists($element/parent::*[map:contains($ed:is-container-name, local-name())][empty(text()[normalize-space()])]))"/>
  </xsl:function>

  <!-- Whether an element's content is blocks (so that it cannot be a paragraph itself). -->
  <xsl:function name="ed:holds-blocks" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="markers" select="$element//*[map:contains($ed:is-marker-name, local-name())]"/>
    <xsl:sequence select="map:contains($ed:is-container-name, local-name($element))
        or exists($element//*[map:contains($ed:is-block-name, local-name())][empty(ancestor::* intersect $markers)])"/>
  </xsl:function>

  <!-- Format-neutral decisions of the behaviours, made once for every output. -->

  <!-- A division's heading level: 1 for a top division, 2 inside it, … -->
  <xsl:function name="ed:heading-level" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="count($head/ancestor::*[matches(local-name(), '^div[1-7]?$')])"/>
  </xsl:function>

  <!-- Whether a list is numbered. -->
  <xsl:function name="ed:is-ordered" as="xs:boolean">
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="tokenize(string-join(($list/@type, $list/@rend), ' ')) = ('ordered', 'numbered', 'decimal', 'numeric')"/>
  </xsl:function>

  <!-- Whether a title is quoted (articles, unpublished items) rather than set as a title. -->
  <xsl:function name="ed:is-quoted-title" as="xs:boolean">
    <xsl:param name="title" as="element()"/>
    <xsl:sequence select="$title/@level = ('a', 'u')"/>
  </xsl:function>

  <!-- How TEI's names for its own markup are written: <gi>, @att, “val”. -->
  <xsl:function name="ed:code-text" as="xs:string">
    <xsl:param name="code" as="element()"/>
    <xsl:sequence select="map { 'gi': '&lt;' || $code || '&gt;', 'tag': '&lt;' || $code || '&gt;',
                                'att': '@' || $code, 'val': '“' || $code || '”' }(local-name($code)) => ed:or(string($code))"/>
  </xsl:function>

  <!-- The marks an editorial intervention is read with, before and after its words. -->
  <xsl:variable name="ed:editorial-marks" as="map(xs:string, xs:string+)" select="map {
      'supplied': ('[', ']'), 'surplus': ('{', '}'), 'sic': ('', ' [sic]'), 'unclear': ('', '[?]'), 'gap': ('[…]', '') }"/>

  <xsl:function name="ed:or" as="xs:string">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:param name="fallback" as="xs:string"/>
    <xsl:sequence select="if (normalize-space($value)) then $value else $fallback"/>
  </xsl:function>

</xsl:stylesheet>
