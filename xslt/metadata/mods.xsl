<?xml version="1.0" encoding="UTF-8"?>
<!--
  The mods record's rules (mode ed:mods-record) and its function ed:mods-record: a module,
  included by ../mods.xsl, the stylesheet of the format, and by ../records.xsl, which makes every
  format's record of a document in one transformation. It uses common.xsl and metadata-common.xsl
  but does not include them (the stylesheet that includes it does, once).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:editio"
    xmlns="http://www.loc.gov/mods/v3"
    xmlns:xlink="http://www.w3.org/1999/xlink"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="ed:mods-record" on-no-match="fail"/>

  <xsl:mode name="ed:mods-witness" on-no-match="fail"/>

  <!-- MARC relator code and term for the roles the TEI names; other roles go in words only. -->
  <xsl:variable name="ed:marc-relators" as="map(xs:string, xs:string+)" select="map {
      'author': ('aut', 'author'), 'editor': ('edt', 'editor'), 'received': ('rcp', 'addressee') }"/>

  <!-- TEI certainty of a date → MODS date qualifier. -->
  <xsl:variable name="ed:date-qualifiers" as="map(xs:string, xs:string)" select="map {
      'low': 'questionable', 'unknown': 'questionable', 'medium': 'inferred' }"/>

  <!-- Register entity kind → the subject element that names it. -->
  <xsl:variable name="ed:subject-elements" as="map(xs:string, xs:string)" select="map {
      'person': 'name', 'personGrp': 'name', 'org': 'name', 'place': 'geographic', 'event': 'topic' }"/>

  <xsl:template match="TEI" mode="ed:mods-record">
    <mods version="3.6" xsi:schemaLocation="http://www.loc.gov/mods/v3 http://www.loc.gov/standards/mods/v3/mods-3-6.xsd">
      <titleInfo>
        <title>{ed:main-title(.) => ed:or(ed:title(.))}</title>
        <xsl:where-populated>
          <subTitle>{ed:subtitle(.)}</subTitle>
        </xsl:where-populated>
      </titleInfo>
      <xsl:for-each select="ed:responsible(., 'author')">
        <xsl:call-template name="ed:mods-name">
          <xsl:with-param name="role" select="'author'"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:for-each select="ed:responsible(., 'editor')">
        <xsl:call-template name="ed:mods-name">
          <xsl:with-param name="role" select="'editor'"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:for-each select="teiHeader/profileDesc/correspDesc/correspAction[not(@type = 'sent')] ! ed:correspondents(.)">
        <xsl:call-template name="ed:mods-name">
          <xsl:with-param name="role" select="string(../@type)"/>
        </xsl:call-template>
      </xsl:for-each>
      <typeOfResource>text</typeOfResource>
      <genre>{ed:kind-term(., 'genre')}</genre>
      <xsl:call-template name="ed:mods-production"/>
      <originInfo eventType="publication">
        <publisher>{ed:publisher(.)}</publisher>
        <xsl:where-populated>
          <dateIssued encoding="w3cdtf">{ed:edition-date(.)}</dateIssued>
        </xsl:where-populated>
        <xsl:where-populated>
          <edition>{ed:edition-version(.)}</edition>
        </xsl:where-populated>
        <issuance>monographic</issuance>
      </originInfo>
      <xsl:for-each select="ed:languages(.)">
        <language>
          <languageTerm type="code" authority="rfc5646">{.}</languageTerm>
        </language>
      </xsl:for-each>
      <physicalDescription>
        <internetMediaType>text/html</internetMediaType>
      </physicalDescription>
      <xsl:for-each select="teiHeader/profileDesc/correspDesc/note">
        <note type="date">{ed:note-text(.)}</note>
      </xsl:for-each>
      <xsl:for-each select="ed:keywords(.)">
        <subject>
          <topic>{.}</topic>
        </subject>
      </xsl:for-each>
      <xsl:for-each select="ed:mentioned-entities(.)">
        <subject>
          <xsl:element name="{$ed:subject-elements(local-name())}">
            <xsl:call-template name="ed:mods-authority"/>
            <xsl:choose>
              <xsl:when test="$ed:subject-elements(local-name()) = 'name'">
                <xsl:attribute name="type" select="if (self::org) then 'corporate' else 'personal'"/>
                <namePart>{ed:entity-name(.)}</namePart>
              </xsl:when>
              <xsl:otherwise>{ed:entity-name(.)}</xsl:otherwise>
            </xsl:choose>
          </xsl:element>
        </subject>
      </xsl:for-each>
      <xsl:apply-templates select="ed:provenance-chain(.)" mode="ed:mods-witness"/>
      <xsl:if test="$pid-value != ''">
        <identifier type="{map { 'doi': 'doi', 'handle': 'hdl', 'ark': 'ark' }($pid-scheme)}">{$pid-value}</identifier>
      </xsl:if>
      <identifier type="uri">{ed:document-url(.)}</identifier>
      <location>
        <url usage="primary display" access="object in context">{ed:document-url(.)}</url>
      </location>
      <xsl:variable name="licence-url" select="ed:licence(.)?url"/>
      <xsl:for-each select="ed:rights(.)">
        <accessCondition type="use and reproduction">
          <xsl:if test="position() = 1">
            <xsl:attribute name="xlink:href" select="$licence-url"/>
          </xsl:if>
          <xsl:text>{.}</xsl:text>
        </accessCondition>
      </xsl:for-each>
      <recordInfo>
        <recordContentSource>{ed:publisher(.)}</recordContentSource>
        <xsl:where-populated>
          <recordChangeDate encoding="w3cdtf">{ed:record-date(.)}</recordChangeDate>
        </xsl:where-populated>
        <recordIdentifier source="{$ed:settings/@base-url}">{ed:document-id(.)}</recordIdentifier>
        <recordOrigin>Converted from the TEI header and register by editio (mods.xsl).</recordOrigin>
        <languageOfCataloging>
          <languageTerm type="code" authority="rfc5646">{$ed:settings/@language}</languageTerm>
        </languageOfCataloging>
      </recordInfo>
    </mods>
  </xsl:template>

  <!-- When and where the text was written: the creation date (a range as start and end), then the
       date the letter gives itself if that is another. -->
  <xsl:template name="ed:mods-production" as="element()?">
    <xsl:context-item as="element(TEI)" use="required"/>
    <xsl:variable name="created" select="ed:creation-date(.)"/>
    <xsl:variable name="dated" select="ed:action-date(., 'sent') except $created"/>
    <xsl:variable name="places" select="(teiHeader/profileDesc/creation//placeName,
                                         teiHeader/profileDesc/correspDesc/correspAction[@type = 'sent']/placeName)"/>
    <xsl:where-populated>
      <originInfo eventType="production">
        <xsl:for-each-group select="$places" group-by="(ed:entity(@ref, .)/@xml:id, ed:text(.))[1]">
          <place>
            <placeTerm type="text">
              <xsl:call-template name="ed:mods-authority">
                <xsl:with-param name="entity" select="ed:entity(@ref, .)"/>
                <xsl:with-param name="code" select="false()"/>
              </xsl:call-template>
              <xsl:text>{ed:party-name(.)}</xsl:text>
            </placeTerm>
          </place>
        </xsl:for-each-group>
        <xsl:for-each select="$created, $dated">
          <xsl:call-template name="ed:mods-dates">
            <xsl:with-param name="key" select="position() = 1"/>
          </xsl:call-template>
        </xsl:for-each>
      </originInfo>
    </xsl:where-populated>
  </xsl:template>

  <!-- A TEI date as dateCreated: one point, or a start and an end; qualified by its certainty. -->
  <xsl:template name="ed:mods-dates" as="element()*">
    <xsl:context-item as="element(date)" use="required"/>
    <xsl:param name="key" as="xs:boolean"/>
    <xsl:param name="element" as="xs:string" select="'dateCreated'"/>
    <xsl:variable name="start" select="(@notBefore, @from)[1]"/>
    <xsl:variable name="end" select="(@notAfter, @to)[1]"/>
    <xsl:variable name="points" as="map(xs:string, xs:string)*" select="
        if (@when) then map { 'value': string(@when) }
        else ($start ! map { 'value': string(.), 'point': 'start' }, $end ! map { 'value': string(.), 'point': 'end' })"/>
    <xsl:variable name="qualifier" select="$ed:date-qualifiers(string(@cert))"/>
    <xsl:for-each select="$points">
      <xsl:element name="{$element}">
        <xsl:attribute name="encoding" select="'w3cdtf'"/>
        <xsl:if test="$key and position() = 1">
          <xsl:attribute name="keyDate" select="'yes'"/>
        </xsl:if>
        <xsl:if test="?point">
          <xsl:attribute name="point" select="?point"/>
        </xsl:if>
        <xsl:if test="exists($qualifier)">
          <xsl:attribute name="qualifier" select="$qualifier"/>
        </xsl:if>
        <xsl:text>{?value}</xsl:text>
      </xsl:element>
    </xsl:for-each>
  </xsl:template>

  <!-- A person or body, with the authority URI of its register entry and its role. -->
  <xsl:template name="ed:mods-name" as="element()">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="role" as="xs:string"/>
    <xsl:variable name="entity" select="ed:entity(@ref, .)"/>
    <xsl:variable name="relator" select="$ed:marc-relators($role)"/>
    <name type="{if (ed:party-kind(.) = 'org') then 'corporate' else 'personal'}">
      <xsl:call-template name="ed:mods-authority">
        <xsl:with-param name="entity" select="$entity"/>
      </xsl:call-template>
      <xsl:variable name="parts" select="ed:name-parts(.)"/>
      <xsl:choose>
        <xsl:when test="exists($parts)">
          <!-- family, given and date parts (the particle belongs with the given name in an inverted heading) -->
          <namePart type="family">{$parts?family}</namePart>
          <xsl:for-each select="string-join(($parts?given, $parts?particle), ' ')[. != '']">
            <namePart type="given">{.}</namePart>
          </xsl:for-each>
          <xsl:for-each select="$parts?dates">
            <namePart type="date">{.}</namePart>
          </xsl:for-each>
          <displayForm>{ed:party-name(.)}</displayForm>
        </xsl:when>
        <xsl:otherwise>
          <namePart>{ed:party-name(.)}</namePart>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:for-each select="ed:authority-ids($entity)">
        <nameIdentifier type="{?type}">{?id}</nameIdentifier>
      </xsl:for-each>
      <role>
        <xsl:if test="exists($relator)">
          <roleTerm type="code" authority="marcrelator">{$relator[1]}</roleTerm>
        </xsl:if>
        <roleTerm type="text">
          <xsl:if test="exists($relator)">
            <xsl:attribute name="authority" select="'marcrelator'"/>
          </xsl:if>
          <xsl:text>{($relator[2], $role)[1]}</xsl:text>
        </roleTerm>
      </role>
    </name>
  </xsl:template>

  <!-- authority, authorityURI and valueURI of an entity's preferred authority record, if it has one
       (placeTerm takes no authority code outside its three country and area lists). -->
  <xsl:template name="ed:mods-authority" as="attribute()*">
    <xsl:param name="entity" as="element()?" select="."/>
    <xsl:param name="code" as="xs:boolean" select="true()"/>
    <xsl:variable name="authority" select="ed:preferred-authority($entity, ())"/>
    <xsl:if test="exists($authority)">
      <xsl:if test="$code">
        <xsl:attribute name="authority" select="$authority?type"/>
      </xsl:if>
      <xsl:attribute name="authorityURI" select="$ed:authorities($authority?type)('prefix')"/>
      <xsl:attribute name="valueURI" select="$authority?uri"/>
    </xsl:if>
  </xsl:template>

  <!-- A witness of the text: how it relates to the edition, what it is, where it was printed. -->
  <xsl:template match="bibl" mode="ed:mods-witness">
    <xsl:variable name="host" select="ed:witness-host(.)"/>
    <relatedItem type="{($ed:witness-roles(string(@type)), 'otherVersion')[1]}">
      <xsl:if test="@type">
        <xsl:attribute name="displayLabel" select="replace(@type, '-', ' ')"/>
      </xsl:if>
      <xsl:if test="@xml:id castable as xs:NCName">
        <xsl:attribute name="ID" select="@xml:id"/>
      </xsl:if>
      <titleInfo>
        <title>{ed:witness-title(.)}</title>
      </titleInfo>
      <xsl:for-each select="author/(persName, orgName, .)[1]">
        <xsl:call-template name="ed:mods-name">
          <xsl:with-param name="role" select="'author'"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:for-each select="editor/(persName, orgName, .)[1]">
        <xsl:call-template name="ed:mods-name">
          <xsl:with-param name="role" select="'editor'"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:where-populated>
        <originInfo>
          <xsl:for-each select="pubPlace, placeName">
            <place>
              <placeTerm type="text">{ed:text(.)}</placeTerm>
            </place>
          </xsl:for-each>
          <xsl:for-each select="publisher">
            <publisher>{ed:text(.)}</publisher>
          </xsl:for-each>
          <xsl:for-each select="date[not($host)]">
            <xsl:call-template name="ed:mods-dates">
              <xsl:with-param name="key" select="false()"/>
              <xsl:with-param name="element" select="if (../(publisher, title[@level = 'm'])) then 'dateIssued' else 'dateCreated'"/>
            </xsl:call-template>
          </xsl:for-each>
        </originInfo>
      </xsl:where-populated>
      <xsl:for-each select="textLang">
        <language>
          <xsl:if test="@mainLang">
            <languageTerm type="code" authority="rfc5646">{@mainLang}</languageTerm>
          </xsl:if>
          <languageTerm type="text">{ed:text(.)}</languageTerm>
        </language>
      </xsl:for-each>
      <xsl:for-each select="ptr/@target">
        <location>
          <url>{.}</url>
        </location>
      </xsl:for-each>
      <xsl:where-populated>
        <note type="relation">{ed:witness-relation(.)}</note>
      </xsl:where-populated>
      <xsl:for-each select="note">
        <note>{ed:note-text(.)}</note>
      </xsl:for-each>
      <xsl:for-each select="$host">
        <relatedItem type="host">
          <titleInfo>
            <title>{ed:text(.)}</title>
          </titleInfo>
          <originInfo>
            <issuance>serial</issuance>
          </originInfo>
        </relatedItem>
        <part>
          <xsl:for-each select="../biblScope">
            <detail type="{(@unit, 'issue')[1]}">
              <number>{ed:text(.)}</number>
            </detail>
          </xsl:for-each>
          <xsl:for-each select="../date">
            <xsl:call-template name="ed:mods-dates">
              <xsl:with-param name="key" select="false()"/>
              <xsl:with-param name="element" select="'date'"/>
            </xsl:call-template>
          </xsl:for-each>
        </part>
      </xsl:for-each>
    </relatedItem>
  </xsl:template>

  <!-- The record (its stylesheet, and records.xsl with every other format's). -->
  <xsl:function name="ed:mods-record" as="item()*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:apply-templates select="$tei" mode="ed:mods-record"/>
  </xsl:function>

</xsl:stylesheet>
