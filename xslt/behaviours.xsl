<?xml version="1.0" encoding="UTF-8"?>
<!--
  The behaviour table: every TEI element (with a predicate where the element alone does not decide)
  has ONE behaviour from the closed list below, and every output implements every behaviour once.

  Each row is a template of mode ed:behaviour whose match pattern is the element (and predicate) and
  whose value is the behaviour's name. common.xsl reads this file twice:
    - it includes it, so that ed:behaviour($element) answers at run time (a keyed rule lookup);
    - it reads it as data at compile time ($ed:match), so that an output implements a behaviour with
      <xsl:template _match="{$ed:match?paragraph}">: the union of the rows' patterns, which Saxon
      indexes by element name like any hand-written pattern.
  The block, container and marker lists (ed:is-block) derive from the behaviours' layouts.

  Adding an element that behaves like another is one row. Where two rows match one element, the more
  specific pattern wins by XSLT's default priorities (note[ancestor::text] over note); two rows that
  match one element at the same priority are an error (on-multiple-match="fail").

  layout: container  a block whose children are blocks (whatever stands in it without text is a block)
          block      always a block of its own
          box        a block among blocks, inline in running text (decided in common.xsl: ed:is-block)
          inline     running text
          marker     stands where it is, never makes what holds it a block

  xslt/README.md's behaviour table is generated from this file (tools/behaviour_table.py).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:mode name="ed:behaviour" on-no-match="deep-skip" on-multiple-match="fail"/>

  <!-- The closed list of behaviours, in the order of the README. -->
  <ed:behaviour name="document" layout="none" html="the reading page (`html/document.xsl`)" text="title block, text, endnotes"/>
  <ed:behaviour name="front" layout="container" html="its blocks, less the title page the page header shows" text="its blocks, less the title page when the header has a title (the title block gives it)"/>
  <ed:behaviour name="section" layout="container" html="`&lt;section&gt;` with its id (`&lt;div&gt;` without a head)" text="its blocks"/>
  <ed:behaviour name="container" layout="container" html="a `div` of its blocks (`web:box`)" text="its blocks"/>
  <ed:behaviour name="block" layout="box" html="`div` if it holds blocks, `p` if it stands among blocks, `span` inside running text (`web:box`)" text="its blocks, or a wrapped paragraph"/>
  <ed:behaviour name="heading" layout="block" html="`h2`–`h6` by depth (`ed:heading-level`; the page has the `h1`)" text="underlined: `=` level 1, `-` level 2, `.` deeper"/>
  <ed:behaviour name="caption" layout="block" html="`p.tei-head`; in a table `&lt;caption&gt;`, in a figure `&lt;figcaption&gt;`" text="a line; `Table: …`; inside `[Figure: …]`"/>
  <ed:behaviour name="paragraph" layout="block" html="`&lt;p&gt;` (a `&lt;div&gt;` when it holds a list, table, verse…); a paragraph of the running text (`ed:is-numbered`) is numbered, with a permalink to cite it" text="wrapped at 72 columns, blank line after"/>
  <ed:behaviour name="verse-group" layout="container" html="`div.tei-lg`" text="its lines; stanzas apart"/>
  <ed:behaviour name="verse-line" layout="block" html="`div.tei-l`; every fifth line (or `@n`) numbered (`ed:line-number`)" text="a line each, continued lines indented 4"/>
  <ed:behaviour name="list" layout="block" html="`ul`, `ol` (`ed:is-ordered`), `dl` when labelled" text="`- item`, `1. item`, `label: item`; nested lists indented"/>
  <ed:behaviour name="item" layout="block" html="`li`, `dd` in a labelled list" text="under its list's marker"/>
  <ed:behaviour name="label" layout="inline" html="`dt`" text="`label: ` before its item"/>
  <ed:behaviour name="table" layout="block" html="`&lt;table&gt;` in a scrolling frame" text="a row per line, cells apart by ` | `"/>
  <ed:behaviour name="row" layout="block" html="`tr`" text="its cells"/>
  <ed:behaviour name="cell" layout="inline" html="`td`; `@role=&quot;label&quot;` → `th`; `@cols`/`@rows` → spans" text="its words"/>
  <ed:behaviour name="figure" layout="block" html="`&lt;figure&gt;`; `figDesc` stands in for the image" text="`[Figure: head. description]`"/>
  <ed:behaviour name="graphic" layout="inline" html="the image linked, not loaded (no request the reader did not ask for)" text="`[Image]` in running text"/>
  <ed:behaviour name="quotation" layout="box" html="`&lt;blockquote&gt;` among blocks or holding blocks, else `&lt;q&gt;`" text="indented by 4 as a block, else “…”"/>
  <ed:behaviour name="title" layout="inline" html="`&lt;cite&gt;`, or `&lt;q&gt;` for articles and unpublished items (`ed:is-quoted-title`)" text="its words, “…” when quoted"/>
  <ed:behaviour name="term" layout="inline" html="`&lt;i&gt;`" text="its words"/>
  <ed:behaviour name="highlight" layout="inline" html="`span` with the CSS of `@rendition` (`tagsDecl`), `@rend` keywords and `@style`" text="`*…*` when italic, bold or underlined, or with no rendition"/>
  <ed:behaviour name="emphasis" layout="inline" html="`&lt;em&gt;`" text="`*…*`"/>
  <ed:behaviour name="inline" layout="inline" html="`span.tei-…` with its language and rendition" text="its words"/>
  <ed:behaviour name="line" layout="inline" html="a `span`, a line break before the next line of its parent" text="a line of its own"/>
  <ed:behaviour name="responsibility" layout="inline" html="“resp: name, name”" text="the same"/>
  <ed:behaviour name="code" layout="inline" html="`&lt;code&gt;`: `&lt;gi&gt;`, `@att`, “val” (`ed:code-text`)" text="the same"/>
  <ed:behaviour name="link" layout="inline" html="to the web, or to where the target is read in the site (a register entry, a place in a text, the “about” page)" text="its words, then `&lt;URL&gt;` for an address outside the text"/>
  <ed:behaviour name="name" layout="inline" html="a link to its register entry, quiet until the reader shows its kind (“Show in the text”), with a card on hover, focus and tap; a periodical in italics; a name holding other names gets a small `↗` link instead; `@cert` as a dotted line and in words" text="its words"/>
  <ed:behaviour name="date" layout="inline" html="`&lt;time datetime&gt;` when `@when` is ISO; `@when-custom`, ranges, `@dur` and `@cert` in words in `title`" text="its words"/>
  <ed:behaviour name="choice" layout="inline" html="both readings, chosen by element name (`ed:chosen`); the reading switch shows one (or both side by side), a small raised circle marks it, hover, focus and tap the other with its witnesses; a choice the policy does not know shows its first alternative (`ed:shown`)" text="the reading asked for (`--reading`, `ed:shown`)"/>
  <ed:behaviour name="reading" layout="inline" html="`span`; `sic` alone adds `[sic]` (`ed:editorial-marks`)" text="its words; `sic` alone adds `[sic]`"/>
  <ed:behaviour name="addition" layout="inline" html="`&lt;ins&gt;`" text="its words; `\…/` in the diplomatic reading"/>
  <ed:behaviour name="deletion" layout="inline" html="`&lt;del&gt;`, shown only in the diplomatic reading" text="`⟦…⟧` in the diplomatic reading only"/>
  <ed:behaviour name="gap" layout="marker" html="`[…]`, with its extent and reason for screen readers" text="`[…]`"/>
  <ed:behaviour name="unclear" layout="inline" html="its words, then `[?]`, with the reason for screen readers" text="its words, then `[?]`"/>
  <ed:behaviour name="supplied" layout="inline" html="its words in `[…]` (supplied) or `{…}` (surplus) (`ed:editorial-marks`)" text="the same"/>
  <ed:behaviour name="note" layout="marker" html="a numbered reference; the note once, in a numbered list with a link back, set beside its reference on wide screens and opened in place on a tap elsewhere (`edition.js`)" text="`[n]` here; `[n] …` among the endnotes"/>
  <ed:behaviour name="page-break" layout="marker" html="a thin bar in the text, `p. n` in the margin (inline on phones), `?` when uncertain, its `@cert` in words for screen readers" text="nothing"/>
  <ed:behaviour name="line-break" layout="marker" html="`&lt;br&gt;`" text="a new line (`@break=&quot;no&quot;` joins the word)"/>
  <ed:behaviour name="space" layout="inline" html="an em space" text="a space"/>
  <ed:behaviour name="anchor" layout="marker" html="an empty `span` with its id" text="nothing"/>
  <ed:behaviour name="omit" layout="marker" html="nothing (the header is shown on the “about” page)" text="nothing"/>

  <!-- The table: element (predicate) → behaviour. -->
  <xsl:template mode="ed:behaviour" match="TEI">document</xsl:template>
  <xsl:template mode="ed:behaviour" match="front">front</xsl:template>

  <xsl:template mode="ed:behaviour" match="div">section</xsl:template>
  <xsl:template mode="ed:behaviour" match="div1">section</xsl:template>
  <xsl:template mode="ed:behaviour" match="div2">section</xsl:template>
  <xsl:template mode="ed:behaviour" match="div3">section</xsl:template>
  <xsl:template mode="ed:behaviour" match="div4">section</xsl:template>
  <xsl:template mode="ed:behaviour" match="div5">section</xsl:template>
  <xsl:template mode="ed:behaviour" match="div6">section</xsl:template>
  <xsl:template mode="ed:behaviour" match="div7">section</xsl:template>

  <xsl:template mode="ed:behaviour" match="text">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="body">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="back">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="group">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="opener">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="closer">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="postscript">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="argument">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="epigraph">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="floatingText">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="titlePage">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="sp">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="spGrp">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="castList">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="listBibl">container</xsl:template>
  <!-- a manuscript description (msDesc): its parts, each a block of its own -->
  <xsl:template mode="ed:behaviour" match="msDesc">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="msContents">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="physDesc">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="objectDesc">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="supportDesc">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="handDesc">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="history">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="additional">container</xsl:template>
  <xsl:template mode="ed:behaviour" match="msIdentifier">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="altIdentifier">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="msItem">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="support">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="condition">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="foliation">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="layoutDesc">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="handNote">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="origin">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="provenance">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="acquisition">block</xsl:template>

  <xsl:template mode="ed:behaviour" match="salute">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="signed">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="dateline">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="byline">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="trailer">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="docAuthor">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="docDate">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="docEdition">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="docImprint">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="imprimatur">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="castItem">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="speaker">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="stage">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="address">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="cit">block</xsl:template>
  <xsl:template mode="ed:behaviour" match="bibl[parent::listBibl]">block</xsl:template>
  <!-- a note of the header or of a register entry is part of what it annotates -->
  <xsl:template mode="ed:behaviour" match="note">block</xsl:template>

  <xsl:template mode="ed:behaviour" match="head[parent::*[matches(local-name(), '^div[1-7]?$')]]">heading</xsl:template>
  <xsl:template mode="ed:behaviour" match="head">caption</xsl:template>

  <xsl:template mode="ed:behaviour" match="p">paragraph</xsl:template>
  <xsl:template mode="ed:behaviour" match="ab">paragraph</xsl:template>

  <xsl:template mode="ed:behaviour" match="lg">verse-group</xsl:template>
  <xsl:template mode="ed:behaviour" match="l">verse-line</xsl:template>

  <xsl:template mode="ed:behaviour" match="list">list</xsl:template>
  <xsl:template mode="ed:behaviour" match="listPerson">list</xsl:template>
  <xsl:template mode="ed:behaviour" match="listPlace">list</xsl:template>
  <xsl:template mode="ed:behaviour" match="listOrg">list</xsl:template>
  <xsl:template mode="ed:behaviour" match="listEvent">list</xsl:template>
  <!-- a register a letter carries in its back: read on the register pages, never dumped into the text -->
  <xsl:template mode="ed:behaviour" match="listPerson[ancestor::back]">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="listPlace[ancestor::back]">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="listOrg[ancestor::back]">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="listEvent[ancestor::back]">omit</xsl:template>
  <!-- works kept in back as a register (not a bibliography section with its own division), and the
       relations between the register's entries -->
  <xsl:template mode="ed:behaviour" match="listBibl[ancestor::back][not(ancestor::div)]">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="listRelation[ancestor::back]">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="item">item</xsl:template>
  <xsl:template mode="ed:behaviour" match="person">item</xsl:template>
  <xsl:template mode="ed:behaviour" match="place">item</xsl:template>
  <xsl:template mode="ed:behaviour" match="org">item</xsl:template>
  <xsl:template mode="ed:behaviour" match="event">item</xsl:template>
  <xsl:template mode="ed:behaviour" match="label[parent::list]">label</xsl:template>

  <xsl:template mode="ed:behaviour" match="table">table</xsl:template>
  <xsl:template mode="ed:behaviour" match="row">row</xsl:template>
  <xsl:template mode="ed:behaviour" match="cell">cell</xsl:template>

  <xsl:template mode="ed:behaviour" match="figure">figure</xsl:template>
  <xsl:template mode="ed:behaviour" match="graphic">graphic</xsl:template>

  <xsl:template mode="ed:behaviour" match="quote">quotation</xsl:template>
  <xsl:template mode="ed:behaviour" match="q">quotation</xsl:template>
  <xsl:template mode="ed:behaviour" match="said">quotation</xsl:template>
  <xsl:template mode="ed:behaviour" match="soCalled">quotation</xsl:template>

  <xsl:template mode="ed:behaviour" match="title">title</xsl:template>
  <xsl:template mode="ed:behaviour" match="foreign">term</xsl:template>
  <xsl:template mode="ed:behaviour" match="term">term</xsl:template>
  <xsl:template mode="ed:behaviour" match="mentioned">term</xsl:template>
  <xsl:template mode="ed:behaviour" match="distinct">term</xsl:template>
  <xsl:template mode="ed:behaviour" match="hi">highlight</xsl:template>
  <xsl:template mode="ed:behaviour" match="emph">emphasis</xsl:template>

  <xsl:template mode="ed:behaviour" match="seg">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="s">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="w">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="c">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="pc">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="phr">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="cl">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="m">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="num">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="measure">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="measureGrp">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="unit">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="formula">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="forename">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="surname">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="addName">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="roleName">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="nameLink">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="genName">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="label">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="bibl">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="author">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="editor">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="edition">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="publisher">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="pubPlace">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="biblScope">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="idno">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="textLang">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="docTitle">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="affiliation">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="education">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="occupation">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="state">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="trait">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="desc">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="resp">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="language">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="creation">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="distributor">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="authority">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="licence">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="locus">inline</xsl:template>
  <xsl:template mode="ed:behaviour" match="extent">inline</xsl:template>

  <xsl:template mode="ed:behaviour" match="addrLine">line</xsl:template>
  <xsl:template mode="ed:behaviour" match="street">line</xsl:template>
  <xsl:template mode="ed:behaviour" match="postCode">line</xsl:template>
  <!-- a manuscript's identifier, as a library gives it: institution, repository, collection, shelfmark -->
  <xsl:template mode="ed:behaviour" match="institution">line</xsl:template>
  <xsl:template mode="ed:behaviour" match="repository">line</xsl:template>
  <xsl:template mode="ed:behaviour" match="collection">line</xsl:template>
  <xsl:template mode="ed:behaviour" match="idno[parent::msIdentifier or parent::altIdentifier]">line</xsl:template>
  <xsl:template mode="ed:behaviour" match="titlePart">line</xsl:template>
  <xsl:template mode="ed:behaviour" match="respStmt">responsibility</xsl:template>

  <xsl:template mode="ed:behaviour" match="code">code</xsl:template>
  <xsl:template mode="ed:behaviour" match="ident">code</xsl:template>
  <xsl:template mode="ed:behaviour" match="gi">code</xsl:template>
  <xsl:template mode="ed:behaviour" match="att">code</xsl:template>
  <xsl:template mode="ed:behaviour" match="val">code</xsl:template>
  <xsl:template mode="ed:behaviour" match="tag">code</xsl:template>

  <xsl:template mode="ed:behaviour" match="ref">link</xsl:template>
  <xsl:template mode="ed:behaviour" match="ptr">link</xsl:template>

  <xsl:template mode="ed:behaviour" match="persName">name</xsl:template>
  <xsl:template mode="ed:behaviour" match="placeName">name</xsl:template>
  <xsl:template mode="ed:behaviour" match="orgName">name</xsl:template>
  <xsl:template mode="ed:behaviour" match="name">name</xsl:template>
  <xsl:template mode="ed:behaviour" match="rs">name</xsl:template>
  <xsl:template mode="ed:behaviour" match="geogName">name</xsl:template>
  <xsl:template mode="ed:behaviour" match="country">name</xsl:template>
  <xsl:template mode="ed:behaviour" match="settlement">name</xsl:template>
  <xsl:template mode="ed:behaviour" match="region">name</xsl:template>
  <xsl:template mode="ed:behaviour" match="bloc">name</xsl:template>
  <xsl:template mode="ed:behaviour" match="district">name</xsl:template>
  <xsl:template mode="ed:behaviour" match="objectName">name</xsl:template>
  <xsl:template mode="ed:behaviour" match="eventName">name</xsl:template>

  <xsl:template mode="ed:behaviour" match="date">date</xsl:template>
  <xsl:template mode="ed:behaviour" match="time">date</xsl:template>
  <xsl:template mode="ed:behaviour" match="origDate">date</xsl:template>

  <xsl:template mode="ed:behaviour" match="choice">choice</xsl:template>
  <xsl:template mode="ed:behaviour" match="sic">reading</xsl:template>
  <xsl:template mode="ed:behaviour" match="corr">reading</xsl:template>
  <xsl:template mode="ed:behaviour" match="orig">reading</xsl:template>
  <xsl:template mode="ed:behaviour" match="reg">reading</xsl:template>
  <xsl:template mode="ed:behaviour" match="abbr">reading</xsl:template>
  <xsl:template mode="ed:behaviour" match="expan">reading</xsl:template>
  <xsl:template mode="ed:behaviour" match="ex">reading</xsl:template>
  <xsl:template mode="ed:behaviour" match="am">reading</xsl:template>
  <xsl:template mode="ed:behaviour" match="restore">reading</xsl:template>
  <xsl:template mode="ed:behaviour" match="damaged">reading</xsl:template>
  <xsl:template mode="ed:behaviour" match="subst">reading</xsl:template>
  <xsl:template mode="ed:behaviour" match="add">addition</xsl:template>
  <xsl:template mode="ed:behaviour" match="del">deletion</xsl:template>
  <xsl:template mode="ed:behaviour" match="gap">gap</xsl:template>
  <xsl:template mode="ed:behaviour" match="unclear">unclear</xsl:template>
  <xsl:template mode="ed:behaviour" match="supplied">supplied</xsl:template>
  <xsl:template mode="ed:behaviour" match="surplus">supplied</xsl:template>

  <xsl:template mode="ed:behaviour" match="note[ancestor::text]">note</xsl:template>
  <xsl:template mode="ed:behaviour" match="pb">page-break</xsl:template>
  <xsl:template mode="ed:behaviour" match="lb">line-break</xsl:template>
  <xsl:template mode="ed:behaviour" match="space">space</xsl:template>
  <xsl:template mode="ed:behaviour" match="anchor">anchor</xsl:template>

  <xsl:template mode="ed:behaviour" match="teiHeader">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="standOff">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="facsimile">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="sourceDoc">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="fw">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="cb">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="milestone">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="index">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="figDesc">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="interp">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="interpGrp">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="link">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="linkGrp">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="join">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="joinGrp">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="span">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="spanGrp">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="alt">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="altGrp">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="certainty">omit</xsl:template>
  <xsl:template mode="ed:behaviour" match="respons">omit</xsl:template>

</xsl:stylesheet>
