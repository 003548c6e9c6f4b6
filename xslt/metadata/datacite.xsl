<?xml version="1.0" encoding="UTF-8"?>
<!--
  The datacite record's rules (mode ed:datacite-record) and its function ed:datacite-record: a module,
  included by ../datacite.xsl, the stylesheet of the format, and by ../records.xsl, which makes every
  format's record of a document in one transformation. It uses common.xsl and metadata-common.xsl
  but does not include them (the stylesheet that includes it does, once).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:editio"
    xmlns="http://datacite.org/schema/kernel-4"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="ed:datacite-record" on-no-match="fail"/>

  <!-- The identifier types of editio.toml's schemes, as DataCite names them. -->
  <xsl:variable name="ed:datacite-identifier-types" as="map(xs:string, xs:string)" select="map {
      'doi': 'DOI', 'handle': 'Handle', 'ark': 'ARK' }"/>
  <!-- Authority of a name identifier → DataCite's nameIdentifierScheme and schemeURI. -->
  <xsl:variable name="ed:datacite-schemes" as="map(xs:string, xs:string)" select="map {
      'gnd': 'GND', 'viaf': 'VIAF', 'wikidata': 'Wikidata', 'geonames': 'GeoNames' }"/>

  <xsl:template match="TEI" mode="ed:datacite-record">
    <xsl:call-template name="ed:datacite-resource"/>
  </xsl:template>

  <xsl:template name="ed:datacite-resource" as="element()">
    <xsl:context-item as="element(TEI)" use="required"/>
    <xsl:variable name="citation" select="ed:citation(.)"/>
    <resource xsi:schemaLocation="http://datacite.org/schema/kernel-4 http://schema.datacite.org/meta/kernel-4/metadata.xsd">
      <identifier identifierType="{if ($pid-value != '') then $ed:datacite-identifier-types($pid-scheme) else 'URL'}">{
        if ($pid-value != '') then $pid-value else ed:document-url(.)}</identifier>
      <creators>
        <xsl:for-each select="ed:responsible(., 'author')">
          <creator>
            <xsl:call-template name="ed:datacite-name">
              <xsl:with-param name="element" select="'creatorName'"/>
            </xsl:call-template>
          </creator>
        </xsl:for-each>
        <xsl:if test="empty(ed:responsible(., 'author'))">
          <!-- DataCite requires a creator: "(:unav)" is its code for a value unavailable. -->
          <creator><creatorName>(:unav)</creatorName></creator>
        </xsl:if>
      </creators>
      <titles>
        <title>{(ed:main-title(.), ed:title(.))[1]}</title>
        <xsl:for-each select="ed:subtitle(.)">
          <title titleType="Subtitle">{.}</title>
        </xsl:for-each>
      </titles>
      <publisher>{$citation?publisher}</publisher>
      <publicationYear>{(substring($citation?issued, 1, 4)[. != ''], substring(ed:record-date(.), 1, 4))[1]}</publicationYear>
      <resourceType resourceTypeGeneral="Text">{ed:kind-term(., 'label')}</resourceType>
      <xsl:where-populated>
        <subjects>
          <xsl:for-each select="ed:keywords(.)">
            <subject>{.}</subject>
          </xsl:for-each>
        </subjects>
      </xsl:where-populated>
      <xsl:where-populated>
        <contributors>
          <xsl:for-each select="ed:responsible(., 'editor')">
            <contributor contributorType="Editor">
              <xsl:call-template name="ed:datacite-name">
                <xsl:with-param name="element" select="'contributorName'"/>
              </xsl:call-template>
            </contributor>
          </xsl:for-each>
        </contributors>
      </xsl:where-populated>
      <dates>
        <xsl:for-each select="$citation?issued">
          <date dateType="Issued">{.}</date>
        </xsl:for-each>
        <date dateType="Updated">{ed:record-date(.)}</date>
        <xsl:for-each select="$citation?original">
          <!-- RKMS-ISO 8601 ranges, as DataCite asks: "1919-03/1920-06-10" -->
          <date dateType="Created" dateInformation="{ed:date-description(.)}">{ed:iso-value(.)}</date>
        </xsl:for-each>
      </dates>
      <xsl:for-each select="$citation?language">
        <language>{.}</language>
      </xsl:for-each>
      <alternateIdentifiers>
        <alternateIdentifier alternateIdentifierType="URL">{ed:document-url(.)}</alternateIdentifier>
      </alternateIdentifiers>
      <xsl:where-populated>
        <relatedIdentifiers>
          <xsl:for-each select="distinct-values(ed:provenance-chain(.)/ptr/@target[matches(., '^https?://')])">
            <relatedIdentifier relatedIdentifierType="URL" relationType="IsDerivedFrom">{.}</relatedIdentifier>
          </xsl:for-each>
        </relatedIdentifiers>
      </xsl:where-populated>
      <formats>
        <format>text/html</format>
        <format>application/tei+xml</format>
      </formats>
      <xsl:for-each select="$citation?version">
        <version>{.}</version>
      </xsl:for-each>
      <rightsList>
        <xsl:for-each select="ed:licence(.)">
          <rights>
            <xsl:if test="?url != ''">
              <xsl:attribute name="rightsURI" select="?url"/>
            </xsl:if>
            <xsl:text>{?text}</xsl:text>
          </rights>
        </xsl:for-each>
      </rightsList>
      <xsl:where-populated>
        <descriptions>
          <xsl:for-each select="ed:provenance-chain(.)">
            <description descriptionType="Other">Source: {ed:witness-line(.)}</description>
          </xsl:for-each>
        </descriptions>
      </xsl:where-populated>
    </resource>
  </xsl:template>

  <!-- A person in parts (nameType Personal, "Family, Given"), or a body (Organizational), with its identifiers. -->
  <xsl:template name="ed:datacite-name" as="element()+">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="element" as="xs:string"/>
    <xsl:variable name="parts" select="ed:name-parts(.)"/>
    <xsl:element name="{$element}">
      <xsl:attribute name="nameType" select="if (ed:party-kind(.) = 'org') then 'Organizational' else 'Personal'"/>
      <xsl:text>{ed:inverted-name(., false())}</xsl:text>
    </xsl:element>
    <xsl:for-each select="$parts?given">
      <givenName>{.}</givenName>
    </xsl:for-each>
    <xsl:for-each select="$parts?family">
      <familyName>{.}</familyName>
    </xsl:for-each>
    <xsl:for-each select="ed:authority-ids(ed:entity(@ref, .))[?type = map:keys($ed:datacite-schemes)]"
>
      <nameIdentifier nameIdentifierScheme="{$ed:datacite-schemes(?type)}"
                      schemeURI="{$ed:authorities(?type)?prefix}">{?id}</nameIdentifier>
    </xsl:for-each>
  </xsl:template>

  <!-- The record (its stylesheet, and records.xsl with every other format's). -->
  <xsl:function name="ed:datacite-record" as="item()*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:apply-templates select="$tei" mode="ed:datacite-record"/>
  </xsl:function>

</xsl:stylesheet>
