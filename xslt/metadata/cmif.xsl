<?xml version="1.0" encoding="UTF-8"?>
<!--
  CMIF's rules (mode ed:cmif), a letter's entry (ed:cmif-entry) and the edition's file around the
  entries (ed:cmif-file): a module, included by ../cmif.xsl, by ../catalogue.xsl and by ../records.xsl.
  It uses common.xsl and metadata-common.xsl but does not include them (the stylesheet that includes
  it does, once).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="ed:cmif" on-no-match="fail"/>

  <!-- A stable UUID for the edition as a source (metadata.py derives it from the base URL). -->
  <xsl:param name="edition-uuid" as="xs:string" required="yes"/>
  <!-- The day the edition last changed (the latest datestamp of its documents); the file's alone. -->
  <xsl:param name="edition-date" as="xs:string" select="''"/>

  <xsl:variable name="ed:source-id" as="xs:string" select="'uuid-' || $edition-uuid"/>

  <!-- A letter's entry: catalogue.xsl and records.xsl make it with a document's other facts, so that it
       costs no run of its own; a document that is not a letter sent and received has none. -->
  <xsl:function name="ed:cmif-entry" as="element()?">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:apply-templates select="($tei/teiHeader/profileDesc/correspDesc
                                  [correspAction[@type = 'sent']][correspAction[@type = 'received']])[1]" mode="ed:cmif"/>
  </xsl:function>

  <!-- The edition's file around every letter's entry (the build collects them, in document order):
       never the whole edition in one tree. -->
  <xsl:param name="entries" as="document-node()?"/>

  <xsl:template name="ed:cmif-file">
    <TEI>
      <teiHeader>
        <fileDesc>
          <titleStmt>
            <title>{$ed:settings/@title}</title>
            <editor>{$ed:settings/@publisher}<email>{$ed:settings/@contact}</email></editor>
          </titleStmt>
          <publicationStmt>
            <publisher>
              <ref target="{$ed:settings/@base-url}">{$ed:settings/@publisher}</ref>
            </publisher>
            <idno type="url">{$ed:settings/@base-url}metadata/{$ed:record-formats[@name = 'cmif']/@file}</idno>
            <date when="{$edition-date}"/>
            <availability>
              <licence target="{$ed:settings/@licence-url}">{$ed:settings/@licence}</licence>
            </availability>
          </publicationStmt>
          <sourceDesc>
            <bibl type="online" xml:id="{$ed:source-id}">{$ed:settings/@title}. {$ed:settings/@publisher}. <ref target="{$ed:settings/@base-url}">{$ed:settings/@base-url}</ref></bibl>
          </sourceDesc>
        </fileDesc>
        <profileDesc>
          <xsl:copy-of select="$entries/*/*"/>
        </profileDesc>
      </teiHeader>
      <text>
        <body>
          <p/>
        </body>
      </text>
    </TEI>
  </xsl:template>

  <xsl:template match="correspDesc" mode="ed:cmif">
    <correspDesc ref="{ed:document-url(ancestor::TEI[1])}" source="#{$ed:source-id}">
      <!-- CMIF's correspAction holds something: one that names no one, no place and no date is left out -->
      <xsl:apply-templates select="correspAction[@type = ('sent', 'received')]
                                   [exists((ed:correspondents(.), placeName, date))]" mode="ed:cmif"/>
    </correspDesc>
  </xsl:template>

  <xsl:template match="correspAction" mode="ed:cmif">
    <xsl:variable name="tei" select="ancestor::TEI[1]"/>
    <!-- each action its own date (TEI allows several actions of a type, and several dates in each: the
         first dated one answers); the letter's sending is dated as ed:dispatch-date decides -->
    <xsl:variable name="own-date" select="date[@when or @notBefore or @notAfter or @from or @to][1]"/>
    <xsl:variable name="date" select="if (. is ../correspAction[@type = 'sent'][1]) then ed:dispatch-date($tei) else $own-date"/>
    <correspAction type="{@type}">
      <xsl:apply-templates select="ed:correspondents(.), placeName" mode="ed:cmif"/>
      <xsl:for-each select="$date">
        <date>
          <xsl:copy-of select="@when, @notBefore, @notAfter, @from, @to"/>
        </date>
      </xsl:for-each>
      <!-- CMIF's date takes no @cert: how certain it is goes into a note. -->
      <xsl:choose>
        <xsl:when test="$own-date and not($own-date is $date)">
          <note>Dated {ed:date-description($own-date)} in the letter; given here as the span in which it was written, {ed:date-description($date)}.</note>
        </xsl:when>
        <xsl:when test="$date/@cert">
          <note>Dated {ed:date-description($date)}.</note>
        </xsl:when>
      </xsl:choose>
    </correspAction>
  </xsl:template>

  <xsl:template match="persName | orgName | placeName | name | rs" mode="ed:cmif">
    <xsl:element name="{if (self::placeName) then 'placeName' else if (ed:party-kind(.) = 'org') then 'orgName' else 'persName'}">
      <xsl:for-each select="ed:party-authority(., 'cmif')?uri">
        <xsl:attribute name="ref" select="."/>
      </xsl:for-each>
      <xsl:text>{ed:party-name(.)}</xsl:text>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
