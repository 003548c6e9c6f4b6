<?xml version="1.0" encoding="UTF-8"?>
<!--
  Format-neutral functions every output shares: the edition and its settings, register lookup,
  authority URIs, dates, the reading policy for choice, labels.

  The global context item is the edition index <ed:edition> that editio builds (edition.py):
  <ed:settings .../> followed by one <ed:document id="…" file="…"> per TEI document.
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

  <xsl:variable name="ed:edition" as="document-node()" select="/"/>
  <xsl:variable name="ed:settings" as="element(ed:settings)" select="/ed:edition/ed:settings"/>

  <xsl:key name="ed:by-id" match="*[@xml:id]" use="@xml:id"/>
  <xsl:key name="ed:document-by-id" match="ed:document" use="@id"/>
  <xsl:key name="ed:references" match="*[@ref]" use="for $tei in ancestor::TEI[1], $pointer in tokenize(@ref) return ed:fragment($pointer, $tei)"/>

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
      'URI':      map { 'label': 'Web',      'prefix': '' } }"/>

  <!-- The reading policy: which child of <choice> each reading shows, by element name only. -->
  <xsl:variable name="ed:readings" as="map(xs:string, xs:string*)" select="map {
      'corrected':  ('corr', 'reg', 'expan'),
      'diplomatic': ('sic', 'orig', 'abbr') }"/>

  <xsl:variable name="ed:labels" as="map(xs:string, xs:string)" select="map {
      'persons': 'Persons', 'places': 'Places', 'organisations': 'Organisations and periodicals',
      'events': 'Events', 'person': 'Person', 'place': 'Place', 'org': 'Organisation', 'event': 'Event',
      'personGrp': 'Group',
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

  <xsl:function name="ed:title" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="titles" select="$tei/teiHeader/fileDesc/titleStmt/title"/>
    <xsl:variable name="main" select="($titles[@type = 'main'], $titles[not(@type)], $titles)[1]"/>
    <xsl:variable name="sub" select="$titles[@type = 'sub'][1]"/>
    <xsl:sequence select="string-join((ed:text($main), ed:text($sub))[normalize-space()], ': ')
                          => ed:or(ed:document-id($tei))"/>
  </xsl:function>

  <xsl:function name="ed:authors" as="xs:string*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="$tei/teiHeader/fileDesc/titleStmt/author
                          ! (ed:entity-name(ed:entity(.//@ref[1], .)) => ed:or(ed:text(.)))"/>
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

  <!-- The register entry a @ref points to, wherever in the edition it is, or nothing. -->
  <xsl:function name="ed:entity" as="element()?">
    <xsl:param name="ref" as="xs:string?"/>
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="(for $id in ed:fragment(normalize-space($ref), $context/ancestor-or-self::TEI[1])
                           return key('ed:by-id', $id, $ed:edition)[local-name() = map:keys($ed:entity-kinds)])[1]"/>
  </xsl:function>

  <xsl:function name="ed:entity-name" as="xs:string?">
    <xsl:param name="entity" as="element()?"/>
    <xsl:variable name="names" select="$entity/(persName, placeName, orgName, label, name)"/>
    <xsl:sequence select="ed:text(($names[@type = 'normalised'], $names[not(@xml:lang) or @xml:lang = 'en'], $names)[1])[. != '']"/>
  </xsl:function>

  <xsl:function name="ed:entity-description" as="xs:string?">
    <xsl:param name="entity" as="element()?"/>
    <xsl:sequence select="ed:text(($entity/note[@type = 'description'], $entity/desc, $entity/note)[1])[. != '']"/>
  </xsl:function>

  <!-- Every authority identifier of an entry as map { type, label, id, uri, cert }. -->
  <xsl:function name="ed:authority-ids" as="map(xs:string, xs:string)*">
    <xsl:param name="entity" as="element()?"/>
    <xsl:for-each select="$entity/idno[@type = map:keys($ed:authorities)][normalize-space()]">
      <xsl:variable name="authority" select="$ed:authorities(string(@type))"/>
      <xsl:sequence select="map {
          'type': string(@type), 'label': $authority('label'), 'id': normalize-space(.),
          'uri': $authority('prefix') || normalize-space(.), 'cert': string(@cert) }"/>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="ed:authority-uri" as="xs:string?">
    <xsl:param name="entity" as="element()?"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="ed:authority-ids($entity)[?type = $type][1]?uri"/>
  </xsl:function>

  <!-- Dates -->

  <!-- An ISO date of any precision (1919, 1919-04, 1919-04-28) in words: "28 April 1919". -->
  <xsl:function name="ed:format-iso" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:sequence select="
        if ($iso castable as xs:date) then format-date(xs:date($iso), '[D] [MNn] [Y]')
        else if ($iso castable as xs:gYearMonth) then format-date(xs:date($iso || '-01'), '[MNn] [Y]')
        else if ($iso castable as xs:gYear) then string(number($iso))
        else $iso"/>
  </xsl:function>

  <!-- A dating element's normalised value in words, with its uncertainty: "before 10 June 1920". -->
  <xsl:function name="ed:format-date" as="xs:string?">
    <xsl:param name="date" as="element()?"/>
    <xsl:sequence select="
        if (not($date)) then ()
        else if ($date/@when) then ed:format-iso($date/@when)
        else if ($date/@from and $date/@to) then ed:format-iso($date/@from) || '–' || ed:format-iso($date/@to)
        else if ($date/@notBefore and $date/@notAfter)
          then 'between ' || ed:format-iso($date/@notBefore) || ' and ' || ed:format-iso($date/@notAfter)
        else if ($date/@from) then 'from ' || ed:format-iso($date/@from)
        else if ($date/@to) then 'until ' || ed:format-iso($date/@to)
        else if ($date/@notBefore) then 'after ' || ed:format-iso($date/@notBefore)
        else if ($date/@notAfter) then 'before ' || ed:format-iso($date/@notAfter)
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
    <xsl:apply-templates select="ed:chosen(., 'corrected')" mode="ed:plain"/>
  </xsl:template>
  <xsl:template match="lb" mode="ed:plain">
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:function name="ed:or" as="xs:string">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:param name="fallback" as="xs:string"/>
    <xsl:sequence select="if (normalize-space($value)) then $value else $fallback"/>
  </xsl:function>

</xsl:stylesheet>
