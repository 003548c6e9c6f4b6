<?xml version="1.0" encoding="UTF-8"?>
<!--
  What every metadata crosswalk needs from a TEI header, once: the kind of document, its record fields
  (titles, people, dates, languages, subjects, rights), the witness chain, the register entities it
  mentions, and the tables that map TEI values to the vocabularies of the target formats.

  A module, not an entry stylesheet: it uses common.xsl but does not include it, because html.xsl
  includes both common.xsl and head-metadata.xsl (which includes this), and a module included twice
  declares its functions twice. Each crosswalk (dc.xsl, mods.xsl, …) includes common.xsl and this.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The day the document's records last changed, which record_dates.py works out from their hash and
       the revisionDesc (the OAI datestamp); stylesheets run without it fall back to the last change. -->
  <xsl:param name="record-date" as="xs:string" select="''"/>

  <xsl:function name="ed:record-date" as="xs:string?">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="($record-date[normalize-space()], ed:last-change($tei))[1]"/>
  </xsl:function>

  <!-- The document's persistent identifier, from editio.toml [identifiers] (doi, handle or ark), if any. -->
  <xsl:param name="pid-scheme" as="xs:string" select="''"/>
  <xsl:param name="pid-value" as="xs:string" select="''"/>

  <xsl:variable name="ed:pid-resolvers" as="map(xs:string, xs:string)" select="map {
      'doi': 'https://doi.org/', 'handle': 'https://hdl.handle.net/', 'ark': 'https://n2t.net/' }"/>

  <!-- The persistent identifier as a resolvable URL, or nothing. -->
  <xsl:function name="ed:pid-url" as="xs:string?">
    <xsl:sequence select="($ed:pid-resolvers($pid-scheme) || $pid-value)[$pid-value != '']"/>
  </xsl:function>

  <!-- The URL to cite the document by: its persistent identifier, else its page. -->
  <xsl:function name="ed:cite-as" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="(ed:pid-url(), ed:document-url($tei))[1]"/>
  </xsl:function>

  <!-- The record formats (name, stylesheet, file, suffix, media type, scope): one table for Python and XSLT. -->
  <xsl:variable name="ed:record-formats" as="element(ed:format)*"
      select="doc(resolve-uri('metadata-formats.xml', static-base-uri()))/ed:formats/ed:format"/>

  <!-- Kinds of document and what each is called in the target vocabularies. -->
  <xsl:variable name="ed:kinds" as="map(xs:string, map(xs:string, xs:string))" select="map {
      'letter': map { 'label': 'Letter', 'schema': 'Message', 'csl': 'letter', 'ris': 'PCOMM',
                      'bibtex': 'misc', 'genre': 'letter', 'zotero': 'letter' },
      'text':   map { 'label': 'Text', 'schema': 'CreativeWork', 'csl': 'document', 'ris': 'GEN',
                      'bibtex': 'misc', 'genre': 'text', 'zotero': 'document' } }"/>
  <!-- 'zotero' is an item type of Zotero's (and a word any reader understands): DC.type gives it first,
       because Zotero's Embedded Metadata reads the first DC.type and takes "Text" for a journal article. -->

  <!-- How a witness (bibl/@type) relates to the edition, as a MODS relatedItem/@type. -->
  <xsl:variable name="ed:witness-roles" as="map(xs:string, xs:string)" select="map {
      'copy-text': 'original', 'printing': 'original', 'translation': 'original',
      'transcription': 'original', 'open-letter': 'original', 'private-letter': 'references',
      'witness': 'otherVersion' }"/>

  <!-- Authority URIs in the form each target expects, and which authority each kind of entity prefers. -->
  <xsl:variable name="ed:authority-forms" as="map(xs:string, map(xs:string, xs:string))" select="map {
      'cmif': map { 'gnd': 'http://d-nb.info/gnd/', 'viaf': 'http://viaf.org/viaf/',
                    'wikidata': 'http://www.wikidata.org/entity/', 'geonames': 'http://www.geonames.org/' } }"/>
  <xsl:variable name="ed:preferred-authorities" as="map(xs:string, xs:string*)" select="map {
      'person': ('gnd', 'viaf', 'wikidata'), 'personGrp': ('gnd', 'viaf', 'wikidata'),
      'org': ('gnd', 'viaf', 'wikidata'), 'place': ('geonames', 'wikidata', 'gnd'),
      'event': ('wikidata', 'gnd') }"/>

  <!-- The document -->

  <xsl:function name="ed:kind" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="if ($tei/teiHeader/profileDesc/correspDesc or $tei/@type = 'letter') then 'letter' else 'text'"/>
  </xsl:function>

  <xsl:function name="ed:kind-term" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:param name="vocabulary" as="xs:string"/>
    <xsl:sequence select="$ed:kinds(ed:kind($tei))($vocabulary)"/>
  </xsl:function>

  <xsl:function name="ed:main-title" as="xs:string?">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="titles" select="$tei/teiHeader/fileDesc/titleStmt/title"/>
    <xsl:variable name="own" select="$titles[not(@level = ('s', 'j'))]"/>
    <xsl:sequence select="ed:text(($own[@type = 'main'], $own[not(@type)], $own, $titles)[1])[. != '']"/>
  </xsl:function>

  <xsl:function name="ed:subtitle" as="xs:string?">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="ed:text($tei/teiHeader/fileDesc/titleStmt/title[@type = 'sub'][1])[. != '']"/>
  </xsl:function>

  <!-- People and bodies of the titleStmt by role, each the name element (persName/orgName) or the role element itself. -->
  <xsl:function name="ed:responsible" as="element()*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:param name="role" as="xs:string+"/>
    <xsl:variable name="statement" select="$tei/teiHeader/fileDesc/titleStmt"/>
    <xsl:variable name="holders" select="$statement/*[local-name() = $role or self::respStmt and $role = 'contributor']"/>
    <xsl:sequence select="$holders ! ((persName, orgName, name)[1], .)[1]"/>
  </xsl:function>

  <!-- A responsible party's name: the register's normalised name if it points there, else its text. -->
  <xsl:function name="ed:party-name" as="xs:string">
    <xsl:param name="party" as="element()"/>
    <xsl:sequence select="ed:entity-name(ed:entity($party/@ref, $party)) => ed:or(ed:text($party))"/>
  </xsl:function>

  <!-- A person's name in the parts library formats invert: family (with its nameLink particle), given,
       and the life dates ("1842-1921"), from the register's persName with surname/forename; nothing when
       the name is not marked up in parts (a name is never split by guessing). -->
  <xsl:function name="ed:name-parts" as="map(xs:string, xs:string)?">
    <xsl:param name="party" as="element()"/>
    <xsl:variable name="entity" select="ed:entity($party/@ref, $party)"/>
    <xsl:variable name="names" select="($entity/persName, $party/self::persName)[surname]"/>
    <xsl:variable name="name" select="($names[@type = 'normalised'], $names)[1]"/>
    <xsl:variable name="born" select="$entity/birth/(@when, @notBefore, @notAfter)[1] ! substring(., 1, 4)"/>
    <xsl:variable name="died" select="$entity/death/(@when, @notBefore, @notAfter)[1] ! substring(., 1, 4)"/>
    <xsl:sequence select="if (ed:party-kind($party) = 'org' or empty($name)) then () else ed:json-object(map {
        'family': ed:text($name/surname[1]),
        'particle': string-join($name/nameLink ! ed:text(.), ' ')[. != ''],
        'given': string-join($name/forename ! ed:text(.), ' ')[. != ''],
        'dates': if (exists(($born, $died))) then ($born, '')[1] || '-' || ($died, '')[1] else () })"/>
  </xsl:function>

  <!-- "Family, Given particle" (RIS, BibTeX, Highwire: readers split at the comma); with the life dates,
       the heading form of library catalogues ("Kropotkin, Pëtr Alekseevič, 1842-1921"). A body, or a
       name not in parts, as it is. -->
  <xsl:function name="ed:inverted-name" as="xs:string">
    <xsl:param name="party" as="element()"/>
    <xsl:param name="with-dates" as="xs:boolean"/>
    <xsl:variable name="parts" select="ed:name-parts($party)"/>
    <xsl:sequence select="if (empty($parts)) then ed:party-name($party)
        else string-join(($parts?family, string-join(($parts?given, $parts?particle), ' ')[. != ''],
                          $parts?dates[$with-dates]), ', ')"/>
  </xsl:function>

  <xsl:function name="ed:party-kind" as="xs:string">
    <xsl:param name="party" as="element()"/>
    <xsl:variable name="entity" select="ed:entity($party/@ref, $party)"/>
    <xsl:sequence select="if ($party/self::orgName or $entity/self::org or $party[self::rs or self::name]/@type = $ed:org-types)
                          then 'org' else 'person'"/>
  </xsl:function>

  <!-- The senders or recipients a correspAction names, in their order: persName and orgName, and the
       name and rs of a person or body that other editions write there (rs type="person"). -->
  <xsl:variable name="ed:org-types" as="xs:string*" select="('org', 'organisation', 'organization')"/>
  <xsl:function name="ed:correspondents" as="element()*">
    <xsl:param name="action" as="element()*"/>
    <xsl:sequence select="$action/(persName | orgName | name[not(@type = 'place')]
                                   | rs[@type = ('person', 'personGrp', $ed:org-types)])"/>
  </xsl:function>

  <xsl:function name="ed:publisher" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="ed:text($tei/teiHeader/fileDesc/publicationStmt/publisher[1]) => ed:or(string($ed:settings/@publisher))"/>
  </xsl:function>

  <!-- The day this edition of the document was published: the edition's date, else the publication date. -->
  <xsl:function name="ed:edition-date" as="xs:string?">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="($tei/teiHeader/fileDesc/(editionStmt/edition//date, publicationStmt/date)/@when)[normalize-space()][1] ! string()"/>
  </xsl:function>

  <!-- When the text was written (creation), else the date it gives itself as sent. -->
  <xsl:function name="ed:creation-date" as="element(date)?">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="($tei/teiHeader/profileDesc/creation//date[@when or @notBefore or @notAfter or @from or @to],
                           ed:action-date($tei, 'sent'))[1]"/>
  </xsl:function>

  <xsl:function name="ed:action-date" as="element(date)?">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:param name="type" as="xs:string"/>
    <!-- TEI allows several actions of a type, each with several dates: the first dated one answers. -->
    <xsl:sequence select="($tei/teiHeader/profileDesc/correspDesc/correspAction[@type = $type]/date[@when or @notBefore or @notAfter or @from or @to])[1]"/>
  </xsl:function>

  <!-- The date a letter was sent, for formats that cannot say how certain it is: the sent date unless
       the TEI marks it uncertain, else the span the edition establishes for the writing (creation),
       which contains the uncertain date, else the uncertain date itself. -->
  <xsl:function name="ed:dispatch-date" as="element(date)?">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="sent" select="ed:action-date($tei, 'sent')"/>
    <xsl:sequence select="($sent[not(@cert = ('low', 'unknown'))],
                           $tei/teiHeader/profileDesc/creation//date[@when or @notBefore or @notAfter or @from or @to][1],
                           $sent)[1]"/>
  </xsl:function>

  <xsl:function name="ed:languages" as="xs:string*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="declared" select="distinct-values($tei/teiHeader/profileDesc/langUsage/language/@ident[normalize-space()])"/>
    <xsl:sequence select="if (exists($declared)) then $declared else ($tei/text/@xml:lang, $tei/@xml:lang)[normalize-space()][1] ! string()"/>
  </xsl:function>

  <xsl:function name="ed:keywords" as="xs:string*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="distinct-values($tei/teiHeader/profileDesc/textClass/keywords//term ! ed:text(.)[. != ''])"/>
  </xsl:function>

  <!-- The rights statements in words: the licence, then any other availability paragraph. -->
  <xsl:function name="ed:rights" as="xs:string+">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="ed:licence($tei)?text,
                          $tei/teiHeader/fileDesc/publicationStmt/availability/p ! ed:text(.)[. != '']"/>
  </xsl:function>

  <!-- Register entities (persons, places, organisations, events; not works) the text of the document
       points to, each once, in register order. -->
  <xsl:function name="ed:mentioned-entities" as="element()*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="(for $ref in $tei/text//@ref, $pointer in tokenize($ref) return ed:entity($pointer, $ref/..))
                          [local-name() = map:keys($ed:entity-kinds)]/."/>
  </xsl:function>

  <!-- Authority URIs as editions write them (http or https, "wiki" or "entity", a trailing slash): the
       authority each names and its id, so that an idno of type URI or a @ref that is a URI counts. -->
  <xsl:variable name="ed:authority-uri-forms" as="map(xs:string, xs:string)" select="map {
      'gnd': '^https?://(?:www\.)?d-nb\.info/gnd/([0-9X-]+)/?$',
      'viaf': '^https?://(?:www\.)?viaf\.org/viaf/([0-9]+)/?$',
      'wikidata': '^https?://(?:www\.)?wikidata\.org/(?:entity|wiki)/(Q[0-9]+)/?$',
      'geonames': '^https?://(?:www\.|sws\.)?geonames\.org/([0-9]+)(?:/.*)?$' }"/>

  <xsl:function name="ed:uri-authority" as="map(xs:string, xs:string)?">
    <xsl:param name="uri" as="xs:string"/>
    <xsl:variable name="type" select="(map:keys($ed:authority-uri-forms)[matches(normalize-space($uri), $ed:authority-uri-forms(.))])[1]"/>
    <xsl:variable name="id" select="$type ! replace(normalize-space($uri), $ed:authority-uri-forms(.), '$1')"/>
    <xsl:sequence select="$type ! map { 'type': ., 'label': $ed:authorities(.)('label'), 'id': $id,
                                        'uri': $ed:authorities(.)('prefix') || $id, 'cert': '' }"/>
  </xsl:function>

  <!-- An entity's authority ids, those given as URIs (idno type URI) with the authority they name. -->
  <xsl:function name="ed:typed-authority-ids" as="map(xs:string, xs:string)*">
    <xsl:param name="entity" as="element()?"/>
    <xsl:sequence select="ed:authority-ids($entity) ! (if (?type = 'URI') then (ed:uri-authority(?uri), .)[1] else .)"/>
  </xsl:function>

  <!-- A correspondent's authority: its register entry's, else the authority URI its @ref is (editions
       that keep no register point to GND or Wikidata directly), in a target's form. -->
  <xsl:function name="ed:party-authority" as="map(xs:string, xs:string)?">
    <xsl:param name="party" as="element()"/>
    <xsl:param name="form" as="xs:string?"/>
    <xsl:variable name="entity" select="ed:entity(tokenize($party/@ref)[1], $party)"/>
    <xsl:sequence select="if (exists($entity)) then ed:preferred-authority($entity, $form)
        else ed:in-form((tokenize($party/@ref) ! ed:uri-authority(.))[1], $form)"/>
  </xsl:function>

  <xsl:function name="ed:in-form" as="map(xs:string, xs:string)?">
    <xsl:param name="id" as="map(xs:string, xs:string)?"/>
    <xsl:param name="form" as="xs:string?"/>
    <xsl:variable name="prefix" select="if ($form and exists($id)) then $ed:authority-forms($form)($id?type) else ()"/>
    <xsl:sequence select="if (exists($prefix)) then map:put($id, 'uri', $prefix || $id?id) else $id"/>
  </xsl:function>

  <!-- The first authority URI of an entity in the order its kind prefers, in a target's form (or the common one). -->
  <xsl:function name="ed:preferred-authority" as="map(xs:string, xs:string)?">
    <xsl:param name="entity" as="element()?"/>
    <xsl:param name="form" as="xs:string?"/>
    <xsl:variable name="ids" select="ed:typed-authority-ids($entity)"/>
    <xsl:variable name="chosen" select="(for $type in $ed:preferred-authorities(local-name($entity)) return $ids[?type = $type])[1]"/>
    <xsl:sequence select="ed:in-form($chosen, $form)"/>
  </xsl:function>

  <!-- The witness chain -->

  <xsl:function name="ed:witness-title" as="xs:string">
    <xsl:param name="bibl" as="element(bibl)"/>
    <xsl:sequence select="ed:text(($bibl/title[not(@level = ('j', 's'))], $bibl/title)[1]) => ed:or(ed:text($bibl))"/>
  </xsl:function>

  <!-- A periodical a witness was printed in (title level j), or nothing. -->
  <xsl:function name="ed:witness-host" as="element(title)?">
    <xsl:param name="bibl" as="element(bibl)"/>
    <xsl:sequence select="$bibl/title[@level = ('j', 's')][1]"/>
  </xsl:function>

  <!-- One witness in one line: title, periodical and issue, editor, publisher, place, date. -->
  <xsl:function name="ed:witness-summary" as="xs:string">
    <xsl:param name="bibl" as="element(bibl)"/>
    <xsl:variable name="host" select="ed:witness-host($bibl)"/>
    <xsl:sequence select="string-join((
        ed:witness-title($bibl)[not(. = ed:text($host))],
        string-join(($host ! ed:text(.), $bibl/biblScope ! ('no. ' || ed:text(.))), ' '),
        $bibl/editor ! ('ed. ' || ed:party-name(((persName, orgName)[1], .)[1])),
        $bibl/publisher ! ed:text(.),
        ($bibl/pubPlace, $bibl/placeName) ! ed:text(.),
        $bibl/date ! ed:format-date(.))[normalize-space()], ', ')"/>
  </xsl:function>

  <!-- How a witness relates to the one it derives from, in words: "translation of: …", with its certainty. -->
  <xsl:function name="ed:witness-relation" as="xs:string?">
    <xsl:param name="bibl" as="element(bibl)"/>
    <xsl:variable name="item" select="$bibl/relatedItem[@type][1]"/>
    <xsl:variable name="target" select="ed:targets($item/@target)[self::bibl][1]"/>
    <xsl:sequence select="if (not($item)) then ()
        else string-join((ed:term($item/@type) || ': ' || ($target ! ed:witness-summary(.), string($item/@target))[1],
                          ed:cert-label(($item/@cert, $bibl/@cert)[1]) ! ('(' || . || ')')), ' ')"/>
  </xsl:function>

  <xsl:function name="ed:witness-line" as="xs:string">
    <xsl:param name="bibl" as="element(bibl)"/>
    <xsl:sequence select="string-join((ed:witness-summary($bibl), ed:witness-relation($bibl),
                                       $bibl[. is ed:copy-text($bibl/ancestor::TEI[1])] ! ed:term('copy-text')), '; ')"/>
  </xsl:function>

  <!-- Dublin Core: the fifteen elements as (name, value) pairs, shared by oai_dc and the HTML meta tags. -->
  <xsl:function name="ed:dublin-core" as="array(xs:string)*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="fields" as="map(xs:string, xs:string*)" select="map {
        'title': ed:title($tei),
        'creator': ed:responsible($tei, 'author') ! ed:inverted-name(., true()),
        'contributor': ed:responsible($tei, ('editor', 'contributor')) ! ed:inverted-name(., true()),
        'subject': ed:keywords($tei),
        'publisher': ed:publisher($tei),
        'date': (ed:edition-date($tei), ed:creation-date($tei) ! ed:iso-value(.)),
        'type': (ed:kind-term($tei, 'zotero'), 'Text'),
        'format': 'text/html',
        'identifier': (ed:pid-url(), ed:document-url($tei)),
        'source': ed:provenance-chain($tei) ! ed:witness-line(.),
        'language': ed:languages($tei),
        'relation': ed:provenance-chain($tei)/(ptr/@target)[normalize-space()] ! string(),
        'rights': (ed:rights($tei), ed:licence($tei)?url) }"/>
    <xsl:sequence select="for $name in ('title', 'creator', 'contributor', 'subject', 'publisher', 'date', 'type',
                                        'format', 'identifier', 'source', 'language', 'relation', 'rights'),
                              $value in distinct-values($fields($name))
                          return [$name, $value]"/>
  </xsl:function>

  <!-- A citation of the digital edition, shared by BibTeX, RIS, CSL-JSON and the Highwire meta tags. -->
  <!-- cache: the citation formats of one record run (records.xsl) each ask for the same letter's -->
  <xsl:function name="ed:citation" as="map(xs:string, item()*)" cache="yes">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="authors" select="ed:responsible($tei, 'author')"/>
    <xsl:variable name="editors" select="ed:responsible($tei, 'editor')"/>
    <xsl:sequence select="map {
        'id': ed:document-id($tei),
        'kind': ed:kind($tei),
        'title': ed:title($tei),
        'authors': $authors ! ed:party-name(.),
        'editors': $editors ! ed:party-name(.),
        'author-parties': $authors,
        'editor-parties': $editors,
        'publisher': ed:publisher($tei),
        'issued': ed:edition-date($tei),
        'version': ed:edition-version($tei),
        'url': ed:document-url($tei),
        'doi': $pid-value[$pid-scheme = 'doi'],
        'original': ed:creation-date($tei),
        'language': ed:languages($tei)[1],
        'keywords': ed:keywords($tei) }"/>
  </xsl:function>

  <!-- schema.org -->

  <!-- The JSON-LD context, embedded: "https://schema.org" as a context is a document a processor must fetch
       (offline, expansion fails); this one expands anywhere. Terms are schema.org's; the properties whose
       values are links are typed as IRIs, as schema.org's own context types them. -->
  <xsl:variable name="ed:schema-context" as="map(*)" select="map {
      '@vocab': 'https://schema.org/',
      'sameAs': map { '@type': '@id' }, 'url': map { '@type': '@id' }, 'license': map { '@type': '@id' } }"/>

  <xsl:variable name="ed:schema-types" as="map(xs:string, xs:string)" select="map {
      'person': 'Person', 'personGrp': 'Person', 'org': 'Organization', 'place': 'Place', 'event': 'Event' }"/>

  <!-- How a witness derives from another (relatedItem/@type) as a schema.org property. -->
  <xsl:variable name="ed:schema-relations" as="map(xs:string, xs:string)" select="map {
      'translationOf': 'translationOfWork' }"/>

  <!-- A JSON object from a map: empty values left out, several values as an array, one as itself. -->
  <xsl:function name="ed:json-object" as="map(*)">
    <xsl:param name="entries" as="map(*)"/>
    <xsl:sequence select="map:merge(map:for-each($entries, function($key, $value) {
        if (empty($value) or ($value instance of array(*) and array:size($value) = 0)) then ()
        else map:entry($key, if (count($value) gt 1) then array { $value } else $value) }))"/>
  </xsl:function>

  <!-- A person or body as a schema.org node, with the URIs of its authority records as sameAs. -->
  <xsl:function name="ed:schema-party" as="map(*)">
    <xsl:param name="party" as="element()"/>
    <xsl:variable name="entity" select="ed:entity($party/@ref, $party)"/>
    <xsl:sequence select="ed:json-object(map {
        '@type': if (ed:party-kind($party) = 'org') then 'Organization' else 'Person',
        'name': ed:party-name($party),
        'familyName': ed:name-parts($party)?family,
        'givenName': ed:name-parts($party)?given,
        'sameAs': array { ed:authority-ids($entity)?uri } })"/>
  </xsl:function>

  <xsl:function name="ed:schema-entity" as="map(*)">
    <xsl:param name="entity" as="element()"/>
    <xsl:sequence select="ed:json-object(map {
        '@type': $ed:schema-types(local-name($entity)),
        'name': ed:entity-name($entity),
        'description': ed:entity-description($entity),
        'sameAs': array { ed:authority-ids($entity)?uri } })"/>
  </xsl:function>

  <!-- A witness as a node of the chain, pointing by blank-node id to the witness it derives from. -->
  <xsl:function name="ed:schema-witness" as="map(*)">
    <xsl:param name="bibl" as="element(bibl)"/>
    <xsl:variable name="host" select="ed:witness-host($bibl)"/>
    <xsl:variable name="date" select="$bibl/date[1]"/>
    <xsl:variable name="relation" select="$bibl/relatedItem[@type][1]"/>
    <xsl:variable name="source" select="ed:targets($relation/@target)[self::bibl][@xml:id][1]"/>
    <xsl:sequence select="ed:json-object(map {
        '@id': $bibl/@xml:id ! ('_:' || .),
        '@type': 'CreativeWork',
        'name': ed:witness-title($bibl),
        'description': ed:witness-line($bibl),
        'author': array { $bibl/author/(persName, orgName, .)[1] ! ed:schema-party(.) },
        'editor': array { $bibl/editor/(persName, orgName, .)[1] ! ed:schema-party(.) },
        'publisher': $bibl/publisher ! map { '@type': 'Organization', 'name': ed:text(.) },
        'isPartOf': $host ! ed:json-object(map { '@type': 'PublicationIssue',
            'issueNumber': $bibl/biblScope[@unit = 'issue'] ! ed:text(.),
            'isPartOf': map { '@type': 'Periodical', 'name': ed:text(.) } }),
        (if ($bibl/publisher or $host) then 'datePublished' else 'dateCreated'): $date/@when ! string(),
        'inLanguage': $bibl/textLang/@mainLang ! string(),
        'url': $bibl/ptr/@target ! string(),
        ($relation/@type ! $ed:schema-relations(string(.)), 'isBasedOn')[1]: $source ! map { '@id': '_:' || @xml:id } })"/>
  </xsl:function>

  <!-- The witness the text was translated from: the first translationOf on the way back from the copy-text. -->
  <xsl:function name="ed:translated-from" as="element()?">
    <!-- a bibl, biblStruct or msDesc: the copy-text of another edition is often a manuscript -->
    <xsl:param name="bibl" as="element()?"/>
    <xsl:param name="depth" as="xs:integer"/>
    <xsl:variable name="relation" select="$bibl/relatedItem[@type][1]"/>
    <xsl:variable name="source" select="ed:targets($relation/@target)[self::bibl or self::biblStruct or self::msDesc][1]"/>
    <xsl:sequence select="if (empty($source) or $depth gt 20) then ()
                          else if ($relation/@type = 'translationOf') then $source
                          else ed:translated-from($source, $depth + 1)"/>
  </xsl:function>

  <!-- The document as schema.org JSON-LD: a Message for a letter, else a CreativeWork. -->
  <xsl:function name="ed:jsonld" as="map(*)">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="correspondence" select="$tei/teiHeader/profileDesc/correspDesc"/>
    <xsl:variable name="dispatched" select="ed:dispatch-date($tei)"/>
    <xsl:sequence select="ed:json-object(map {
        '@context': $ed:schema-context,
        '@type': ed:kind-term($tei, 'schema'),
        '@id': ed:document-url($tei),
        'url': ed:document-url($tei),
        'identifier': (ed:pid-url(), ed:document-id($tei))[1],
        'name': ed:title($tei),
        'author': array { ed:responsible($tei, 'author') ! ed:schema-party(.) },
        'editor': array { ed:responsible($tei, 'editor')[ed:party-kind(.) = 'person'] ! ed:schema-party(.) },
        'contributor': array { ed:responsible($tei, 'editor')[ed:party-kind(.) = 'org'] ! ed:schema-party(.) },
        'sender': array { ed:correspondents($correspondence/correspAction[@type = 'sent']) ! ed:schema-party(.) },
        'recipient': array { ed:correspondents($correspondence/correspAction[@type = 'received']) ! ed:schema-party(.) },
        'dateCreated': ed:creation-date($tei)[@when][not(@notBefore or @notAfter or @from or @to)] ! string(@when),
        'dateSent': $dispatched[@when] ! string(@when),
        'publisher': map { '@type': 'Organization', 'name': ed:publisher($tei) },
        'datePublished': ed:edition-date($tei),
        'dateModified': ed:record-date($tei),
        'version': ed:edition-version($tei),
        'inLanguage': ed:languages($tei),
        'keywords': array { ed:keywords($tei) },
        'license': ed:licence($tei)?url,
        'isAccessibleForFree': $tei/teiHeader/fileDesc/publicationStmt/availability[@status = 'free'] ! true(),
        'translationOfWork': ed:translated-from(ed:copy-text($tei), 0)[@xml:id] ! map { '@id': '_:' || @xml:id },
        'isBasedOn': array { ed:provenance-chain($tei) ! ed:schema-witness(.) },
        'mentions': array { ed:mentioned-entities($tei) ! ed:schema-entity(.) } })"/>
  </xsl:function>

  <!-- A note's text in one line (ed:text leaves notes out, as a note inside running text should be). -->
  <xsl:function name="ed:note-text" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$note/node()" mode="ed:plain"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($parts))"/>
  </xsl:function>

  <!-- An ISO date of any precision as its numeric parts: "1919-04" → (1919, 4). -->
  <xsl:function name="ed:date-parts" as="xs:integer*">
    <xsl:param name="iso" as="xs:string?"/>
    <xsl:sequence select="if (matches($iso, '^-?\d{4}(-\d{2}){0,2}$')) then tokenize(replace($iso, '^-', ''), '-') ! xs:integer(.) else ()"/>
  </xsl:function>

</xsl:stylesheet>
