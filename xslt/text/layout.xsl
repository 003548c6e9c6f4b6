<?xml version="1.0" encoding="UTF-8"?>
<!-- Lines: wrapping at 72 columns, headings, rules, and the title block. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns:txt="urn:editio:text"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:variable name="txt:width" as="xs:integer" select="72"/>
  <xsl:variable name="txt:newline" as="xs:string" select="'&#10;'"/>
  <!-- Placeholders in running text until it is wrapped: a line break (lb) and a join (lb break="no"). -->
  <xsl:variable name="txt:line-break" as="xs:string" select="'&#x2028;'"/>
  <xsl:variable name="txt:join" as="xs:string" select="'&#x200B;'"/>
  <!-- … and where words were left out of the reading (a deletion): no space before punctuation. -->
  <xsl:variable name="txt:omitted" as="xs:string" select="'&#xE000;'"/>

  <!-- Running text as lines of at most 72 columns: the first line starts with $first, the others
       with $rest. A word longer than a line stands alone on its line. Line breaks of the source
       (lb) start new lines. -->
  <xsl:function name="txt:wrap" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="first" as="xs:string"/>
    <xsl:param name="rest" as="xs:string"/>
    <xsl:variable name="segments" select="tokenize(txt:normalize($text), $txt:line-break)"/>
    <xsl:sequence select="string-join(
        for $i in 1 to count($segments)
        return txt:wrap-words(txt:single-spaced($segments[$i]), if ($i = 1) then $first else $rest, $rest),
        $txt:newline)"/>
  </xsl:function>

  <!-- Words with one space between them: a normalised segment already is, and is not split and joined again. -->
  <xsl:function name="txt:single-spaced" as="xs:string">
    <xsl:param name="segment" as="xs:string"/>
    <xsl:sequence select="if (contains($segment, '  ') or starts-with($segment, ' ') or ends-with($segment, ' '))
                          then string-join(tokenize($segment, ' ')[. != ''], ' ') else $segment"/>
  </xsl:function>

  <!-- White space collapsed, around line breaks and joins too. -->
  <xsl:function name="txt:normalize" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <!-- most text has no placeholder: a regular expression is only run where its character is -->
    <xsl:variable name="normal" select="normalize-space($text)"/>
    <xsl:variable name="breaks" select="if (contains($normal, $txt:line-break))
        then replace($normal, ' ?' || $txt:line-break || ' ?', $txt:line-break) else $normal"/>
    <xsl:variable name="joined" select="if (contains($breaks, $txt:join))
        then replace($breaks, ' ?' || $txt:join || ' ?', '') else $breaks"/>
    <xsl:sequence select="if (contains($joined, $txt:omitted))
        then $joined => replace(' ?' || $txt:omitted || '+ ?([,.;:!?)\]])', '$1')
                     => replace(' ?' || $txt:omitted || '+ ?', ' ') => normalize-space()
        else $joined"/>
  </xsl:function>

  <!-- Words (one space between them) as lines filled greedily: each holds as many words as fit after its indent, a longer word alone.
       One regular expression a line ("as much as fits that ends before a space"), not a step a word:
       wrapping is most of what the plain text costs. An indent that leaves no room goes word by word. -->
  <xsl:function name="txt:wrap-words" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="first" as="xs:string"/>
    <xsl:param name="rest" as="xs:string"/>
    <xsl:variable name="room-first" select="$txt:width - string-length($first)"/>
    <xsl:variable name="room" select="$txt:width - string-length($rest)"/>
    <xsl:choose>
      <xsl:when test="$text = '' or $room-first lt 1 or $room lt 1">
        <xsl:sequence select="txt:wrap-word-by-word(tokenize($text, ' ')[. != ''], $first, $rest)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="head" select="if ($room-first = $room) then () else txt:fill($text, $room-first)[1]"/>
        <xsl:variable name="lines" select="if (exists($head))
            then ($first || $head, txt:fill(substring($text, string-length($head) + 2), $room) ! ($rest || .))
            else txt:fill($text, $room) ! ((if (position() = 1) then $first else $rest) || .)"/>
        <xsl:sequence select="string-join($lines ! txt:trim-end(.), $txt:newline)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A line without its trailing white space; the regular expression only for a line that has some
       (an indent with no words): run on every line, it cost more than the wrapping. -->
  <xsl:function name="txt:trim-end" as="xs:string">
    <xsl:param name="line" as="xs:string"/>
    <xsl:sequence select="if (substring($line, string-length($line)) = (' ', '&#9;', '&#10;', '&#13;'))
                          then replace($line, '\s+$', '') else $line"/>
  </xsl:function>

  <!-- Words (one space between them) as lines of at most $room characters; a longer word alone. -->
  <xsl:function name="txt:fill" as="xs:string*">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="room" as="xs:integer"/>
    <xsl:analyze-string select="$text" regex="(.{{1,{$room}}})( |$)|([^ ]+)( |$)">
      <xsl:matching-substring>
        <xsl:sequence select="regex-group(1) || regex-group(3)"/>
      </xsl:matching-substring>
    </xsl:analyze-string>
  </xsl:function>

  <xsl:function name="txt:wrap-word-by-word" as="xs:string">
    <xsl:param name="words" as="xs:string*"/>
    <xsl:param name="first" as="xs:string"/>
    <xsl:param name="rest" as="xs:string"/>
    <xsl:variable name="lines" as="xs:string*">
      <xsl:iterate select="$words">
        <xsl:param name="line" as="xs:string" select="$first"/>
        <xsl:param name="empty" as="xs:boolean" select="true()"/>
        <xsl:on-completion>
          <xsl:sequence select="$line"/>
        </xsl:on-completion>
        <xsl:variable name="longer" select="$line || (if ($empty) then '' else ' ') || ."/>
        <xsl:choose>
          <xsl:when test="$empty or string-length($longer) le $txt:width">
            <xsl:next-iteration>
              <xsl:with-param name="line" select="$longer"/>
              <xsl:with-param name="empty" select="false()"/>
            </xsl:next-iteration>
          </xsl:when>
          <xsl:otherwise>
            <xsl:sequence select="$line"/>
            <xsl:next-iteration>
              <xsl:with-param name="line" select="$rest || ."/>
              <xsl:with-param name="empty" select="false()"/>
            </xsl:next-iteration>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:iterate>
    </xsl:variable>
    <xsl:sequence select="string-join($lines ! txt:trim-end(.), $txt:newline)"/>
  </xsl:function>

  <xsl:function name="txt:repeat" as="xs:string">
    <xsl:param name="character" as="xs:string"/>
    <xsl:param name="count" as="xs:integer"/>
    <xsl:sequence select="string-join((1 to $count) ! $character)"/>
  </xsl:function>

  <!-- A heading, underlined: "=" for the first level, "-" for the second, "." below. -->
  <xsl:function name="txt:heading" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="level" as="xs:integer"/>
    <xsl:param name="indent" as="xs:string"/>
    <xsl:variable name="lines" select="txt:wrap($text, $indent, $indent)"/>
    <xsl:variable name="longest" select="max(tokenize($lines, $txt:newline) ! string-length(.)) - string-length($indent)"/>
    <xsl:sequence select="$lines || $txt:newline || $indent
                          || txt:repeat(('=', '-', '.')[min(($level, 3))], max(($longest, 1)))"/>
  </xsl:function>

  <!-- "Label:   value", the value wrapped under itself. -->
  <xsl:function name="txt:field" as="xs:string?">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:variable name="indent" select="txt:repeat(' ', 10)"/>
    <xsl:sequence select="$value[normalize-space()]
                          ! txt:wrap(., substring($label || ':' || $indent, 1, 10), $indent)"/>
  </xsl:function>

  <!-- The title block: title, author, date, source, edition, licence and how to cite, then a rule. -->
  <xsl:template name="txt:title-block" as="xs:string">
    <xsl:variable name="header" select="teiHeader/fileDesc"/>
    <xsl:variable name="date" select="(teiHeader/profileDesc/correspDesc/correspAction[@type = 'sent']/date,
                                       teiHeader/profileDesc/creation//date, text//dateline//date)[1]"/>
    <xsl:variable name="dateline-note" select="text//dateline//note[1]"/>
    <xsl:variable name="licence" select="ed:licence(.)"/>
    <xsl:variable name="fields" as="xs:string*" select="
        txt:field('Author', string-join(ed:authors(.), ', ')),
        txt:field('Date', $date ! (ed:text(.) => ed:or(ed:format-date(.) => string()))
            || (if ($date/@cert or $dateline-note)
                then ' (' || string-join((ed:cert-label($date/@cert), $dateline-note ! ('see note ' || ed:note-number(.))), '; ') || ')'
                else '')),
        txt:field('Source', ed:copy-text(.) ! txt:bibliography(.)),
        txt:field('Edition', string-join((
            $header/editionStmt/edition ! ed:text(.),
            $header/publicationStmt/publisher ! ed:text(.),
            ed:document-url(.)), '. ')),
        txt:field('Licence', string-join((
            $licence?text, $licence?url,
            $header/publicationStmt/availability/p ! ed:text(.)), ' ')),
        txt:field('Reading', if ($reading = 'diplomatic')
            then 'diplomatic: the copy-text as printed, its errors kept'
            else 'corrected: emendations of the copy-text applied'),
        txt:field('Cite as', ed:suggested-citation(.))"/>
    <xsl:sequence select="string-join((
        txt:wrap(ed:display-title(.), '', ''),
        '',
        $fields,
        '',
        txt:repeat('=', $txt:width)), $txt:newline)"/>
  </xsl:template>

  <!-- A witness in one line: author, “title”, journal or book, issue, publisher, place, date, address. -->
  <xsl:function name="txt:bibliography" as="xs:string">
    <xsl:param name="bibl" as="element()"/>
    <xsl:variable name="quoted" select="$bibl/title[not(@level) or @level = ('a', 'u')][1]"/>
    <xsl:sequence select="string-join((
        $bibl/author ! ed:text(.),
        $quoted ! ('“' || ed:text(.) || '”'),
        ($bibl/title except $quoted) ! ed:text(.),
        $bibl/biblScope ! ((@unit, '')[1] || ' ' || ed:text(.)) ! normalize-space(.),
        ($bibl/publisher, $bibl/pubPlace) ! ed:text(.),
        $bibl/date[1] ! ed:text(.),
        $bibl/(ptr, ref)/@target[matches(., '^https?:')] ! string()
      )[normalize-space()], ', ')"/>
  </xsl:function>

</xsl:stylesheet>
