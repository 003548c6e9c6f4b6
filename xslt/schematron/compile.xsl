<?xml version="1.0" encoding="UTF-8"?>
<!--
  editio's ISO Schematron compiler: a Schematron schema in, an XSLT 3.0 validation stylesheet out.

  Four steps over the schema, each a mode, then the generation:
    include      sch:include and sch:extends/@href replaced by what they point to (fragments by @xml:id or
                 @id); every element carries, as namespace nodes, the sch:ns of the schema document it
                 came from, so that included rules keep their own prefixes;
    inline       each assert and report gets a copy of the diagnostics and properties it names, so that
                 an abstract pattern's parameters reach them too;
    instantiate  abstract patterns (is-a, param, defaults from the abstract pattern's own params);
    extend       abstract rules (extends/@rule), only from the same pattern (or sch:rules), recursively.
  The generated stylesheet has one mode per active pattern; a rule is a template whose priority falls
  with its position, which gives the first-matching-rule semantics. It returns the SVRL document
  followed by the node each failed assert or successful report was about, one per failure, in order,
  so that the caller can read their line and column from the tree Saxon built.

  A rule's expressions can read documents only through editio's functions: doc(), document(),
  doc-available() and their kin are rewritten to Q{urn:editio:schematron}…, which serve the documents
  the caller passed in ($Q{urn:editio:schematron}documents) and nothing else.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:sch="http://purl.oclc.org/dsdl/schematron"
    xmlns:e="urn:editio:schematron"
    xmlns:gen="urn:editio:generated-xslt"
    xmlns:axsl="http://www.w3.org/1999/XSL/Transform"
    exclude-result-prefixes="#all">

  <!-- The literal result elements gen:* are the generated stylesheet's instructions. Its prefix, axsl,
       is the one prefix a schema's own namespaces cannot use. -->
  <xsl:namespace-alias stylesheet-prefix="gen" result-prefix="axsl"/>

  <xsl:param name="phase" as="xs:string" select="''"/>
  <!-- Every schema document an include may name, parsed by the caller (base URIs set): nothing is read here. -->
  <xsl:param name="schema-documents" as="document-node()*" select="()"/>

  <xsl:variable name="e:schema-uri" as="xs:string" select="string(base-uri(/))"/>
  <xsl:variable name="e:svrl" as="xs:string" select="'http://purl.oclc.org/dsdl/svrl'"/>
  <xsl:variable name="e:ns" as="xs:string" select="'urn:editio:schematron'"/>
  <xsl:variable name="e:query-bindings" as="xs:string*"
      select="'', 'xslt', 'xslt2', 'xslt3', 'xpath2', 'xpath3', 'xpath31'"/>
  <!-- Functions that read documents, served by editio's own (see the generated stylesheet's functions). -->
  <xsl:variable name="e:document-functions" as="xs:string"
      select="'(^|[^\i\c$/@])(fn:)?(doc-available|doc|document|unparsed-text-lines|unparsed-text-available|unparsed-text|json-doc|collection|uri-collection)(\s*\()'"/>

  <xsl:template match="/">
    <xsl:variable name="schema" as="element()" select="e:schema-root(.)"/>
    <xsl:variable name="included" as="document-node()">
      <xsl:document><xsl:apply-templates select="$schema" mode="include"/></xsl:document>
    </xsl:variable>
    <xsl:variable name="inlined" as="document-node()">
      <xsl:document><xsl:apply-templates select="$included/*" mode="inline"/></xsl:document>
    </xsl:variable>
    <xsl:variable name="instantiated" as="document-node()">
      <xsl:document><xsl:apply-templates select="$inlined/*" mode="instantiate"/></xsl:document>
    </xsl:variable>
    <xsl:variable name="extended" as="document-node()">
      <xsl:document><xsl:apply-templates select="$instantiated/*" mode="extend"/></xsl:document>
    </xsl:variable>
    <xsl:variable name="generated" as="element()">
      <xsl:apply-templates select="$extended/sch:schema" mode="generate"/>
    </xsl:variable>
    <xsl:apply-templates select="$generated" mode="fixup"/>
  </xsl:template>

  <xsl:function name="e:schema-root" as="element()">
    <xsl:param name="document" as="document-node()"/>
    <xsl:variable name="root" select="$document/*"/>
    <xsl:if test="not($root/self::sch:schema)">
      <xsl:sequence select="e:fail('not an ISO Schematron schema (expected sch:schema in ' || $e:schematron-ns || ')')"/>
    </xsl:if>
    <xsl:variable name="binding" select="lower-case(normalize-space($root/@queryBinding))"/>
    <xsl:if test="not($binding = $e:query-bindings)">
      <xsl:sequence select="e:fail('queryBinding ''' || $root/@queryBinding || ''' is not supported (supported: xslt, xslt2, xslt3, xpath2, xpath3, xpath31)')"/>
    </xsl:if>
    <xsl:sequence select="$root"/>
  </xsl:function>

  <xsl:variable name="e:schematron-ns" select="'http://purl.oclc.org/dsdl/schematron'"/>

  <xsl:function name="e:fail" as="empty-sequence()">
    <xsl:param name="message" as="xs:string"/>
    <xsl:sequence select="error(QName($e:ns, 'e:schema'), $message)"/>
  </xsl:function>

  <!-- ============================================================ include -->

  <!-- The namespaces an expression in this element sees: those in scope where it was written, and the
       sch:ns of its schema document over them. -->
  <xsl:function name="e:namespaces" as="map(xs:string, xs:string)">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="own" select="prefix-from-QName(node-name($element)), $element/@*/prefix-from-QName(node-name(.))"/>
    <xsl:sequence select="map:merge((
        in-scope-prefixes($element)[not(. = ('', 'xml', 'axsl', $own))] ! map{.: string(namespace-uri-for-prefix(., $element))},
        root($element)//sch:ns[not(@prefix = ('', 'xml', 'axsl', $own))] ! map{string(@prefix): string(@uri)}),
        map{'duplicates': 'use-last'})"/>
  </xsl:function>

  <xsl:template match="*" mode="include">
    <xsl:variable name="namespaces" select="e:namespaces(.)"/>
    <xsl:copy copy-namespaces="no">
      <xsl:for-each select="map:keys($namespaces)">
        <xsl:namespace name="{.}" select="$namespaces(current())"/>
      </xsl:for-each>
      <xsl:apply-templates select="@*, node()" mode="include"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="@* | text() | comment() | processing-instruction()" mode="include">
    <xsl:copy/>
  </xsl:template>

  <xsl:template match="sch:include" mode="include">
    <xsl:apply-templates select="e:fetch(@href, .)" mode="include"/>
  </xsl:template>

  <!-- extends/@href: the content of the rule it names. -->
  <xsl:template match="sch:extends[@href]" mode="include">
    <xsl:variable name="rule" select="e:fetch(@href, .)"/>
    <xsl:variable name="lang" select="($rule/ancestor-or-self::*/@xml:lang)[last()]"/>
    <xsl:for-each select="$rule/node()">
      <xsl:choose>
        <xsl:when test="self::element() and $lang and not(@xml:lang)">
          <xsl:variable name="copied"><xsl:apply-templates select="." mode="include"/></xsl:variable>
          <xsl:for-each select="$copied/*">
            <xsl:copy><xsl:attribute name="xml:lang" select="$lang"/><xsl:copy-of select="@*, node()"/></xsl:copy>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates select="." mode="include"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- file:/x and file:///x are one file. -->
  <xsl:function name="e:uri-key" as="xs:string">
    <xsl:param name="uri" as="item()?"/>
    <xsl:sequence select="replace(string($uri), '^file:/+', 'file:///')"/>
  </xsl:function>

  <xsl:function name="e:fetch" as="element()">
    <xsl:param name="href" as="attribute()"/>
    <xsl:param name="from" as="element()"/>
    <xsl:variable name="file" select="if (contains($href, '#')) then substring-before($href, '#') else string($href)"/>
    <xsl:variable name="fragment" select="substring-after($href, '#')"/>
    <xsl:variable name="uri" select="if ($file = '') then base-uri($from) else string(resolve-uri($file, base-uri($from)))"/>
    <xsl:variable name="document" select="($schema-documents[e:uri-key(base-uri(.)) = e:uri-key($uri)], root($from)[$file = ''])[1]"/>
    <xsl:if test="empty($document)">
      <xsl:sequence select="e:fail('the schema includes ' || $href || ', which could not be read (' || $uri || ')')"/>
    </xsl:if>
    <xsl:variable name="target" select="if ($fragment) then ($document//*[@xml:id = $fragment or @id = $fragment])[1] else $document/*"/>
    <xsl:if test="empty($target)">
      <xsl:sequence select="e:fail('the schema includes ' || $href || ': no element has the id ''' || $fragment || '''')"/>
    </xsl:if>
    <xsl:sequence select="$target"/>
  </xsl:function>

  <!-- ============================================================ inline, instantiate, extend -->

  <xsl:mode name="inline" on-no-match="shallow-copy"/>
  <xsl:mode name="instantiate" on-no-match="shallow-copy"/>
  <xsl:mode name="substitute" on-no-match="shallow-copy"/>
  <xsl:mode name="extend" on-no-match="shallow-copy"/>

  <xsl:template match="sch:assert | sch:report" mode="inline">
    <xsl:variable name="schema" select="root(.)"/>
    <xsl:copy>
      <xsl:apply-templates select="@*, node()" mode="inline"/>
      <e:inlined>
        <xsl:for-each select="tokenize(@diagnostics)">
          <xsl:variable name="diagnostic" select="($schema//sch:diagnostic[@id = current()])[1]"/>
          <xsl:if test="empty($diagnostic)">
            <xsl:sequence select="e:fail('no diagnostic has the id ''' || . || '''')"/>
          </xsl:if>
          <xsl:copy-of select="$diagnostic"/>
        </xsl:for-each>
        <xsl:for-each select="tokenize(@properties)">
          <xsl:variable name="property" select="($schema//sch:property[@id = current()])[1]"/>
          <xsl:if test="empty($property)">
            <xsl:sequence select="e:fail('no property has the id ''' || . || '''')"/>
          </xsl:if>
          <xsl:copy-of select="$property"/>
        </xsl:for-each>
      </e:inlined>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="sch:pattern[@abstract = 'true']" mode="instantiate"/>

  <xsl:template match="sch:pattern[@is-a]" mode="instantiate">
    <xsl:variable name="abstract" select="(root(.)//sch:pattern[@abstract = 'true'][@id = current()/@is-a])[1]"/>
    <xsl:if test="empty($abstract)">
      <xsl:sequence select="e:fail('pattern is-a=''' || @is-a || ''': no abstract pattern has that id')"/>
    </xsl:if>
    <xsl:variable name="parameters" as="map(xs:string, xs:string)" select="map:merge(
        ($abstract/sch:param[@value], sch:param) ! map{string(@name): string(@value)}, map{'duplicates': 'use-last'})"/>
    <sch:pattern>
      <xsl:apply-templates select="$abstract/(@* except (@abstract, @id, @xml:id))" mode="substitute">
        <xsl:with-param name="parameters" select="$parameters" tunnel="yes"/>
      </xsl:apply-templates>
      <xsl:copy-of select="@* except @is-a"/>
      <xsl:apply-templates select="$abstract/(node() except sch:param)" mode="substitute">
        <xsl:with-param name="parameters" select="$parameters" tunnel="yes"/>
      </xsl:apply-templates>
    </sch:pattern>
  </xsl:template>

  <xsl:template match="@*" mode="substitute">
    <xsl:param name="parameters" as="map(xs:string, xs:string)" tunnel="yes"/>
    <xsl:attribute name="{name()}" namespace="{namespace-uri()}" select="e:substitute(., $parameters)"/>
  </xsl:template>

  <!-- $name (a whole variable name) replaced by the parameter's value; other variables left alone. -->
  <xsl:function name="e:substitute" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="parameters" as="map(xs:string, xs:string)"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:analyze-string select="$text" regex="\$([\i-[:]][\c-[:]]*)">
        <xsl:matching-substring>
          <xsl:sequence select="if (map:contains($parameters, regex-group(1))) then $parameters(regex-group(1)) else ."/>
        </xsl:matching-substring>
        <xsl:non-matching-substring><xsl:sequence select="."/></xsl:non-matching-substring>
      </xsl:analyze-string>
    </xsl:variable>
    <xsl:sequence select="string-join($parts)"/>
  </xsl:function>

  <xsl:template match="sch:rule[@abstract = 'true']" mode="extend"/>
  <xsl:template match="sch:rules" mode="extend"/>

  <xsl:template match="sch:extends[@rule]" mode="extend">
    <xsl:param name="visited" as="xs:string*" tunnel="yes" select="()"/>
    <xsl:variable name="pattern" select="ancestor::sch:pattern[1]"/>
    <xsl:variable name="abstract" select="($pattern/sch:rule[@abstract = 'true'][@id = current()/@rule],
                                           /sch:schema/sch:rules/sch:rule[@id = current()/@rule])[1]"/>
    <xsl:choose>
      <xsl:when test="@rule = $visited">
        <xsl:sequence select="e:fail('abstract rule ''' || @rule || ''' extends itself')"/>
      </xsl:when>
      <xsl:when test="empty($abstract) and $pattern/sch:rule[@id = current()/@rule]">
        <xsl:sequence select="e:fail('a rule extends ''' || @rule || ''', which is not an abstract rule')"/>
      </xsl:when>
      <xsl:when test="empty($abstract) and //sch:rule[@abstract = 'true'][@id = current()/@rule]">
        <xsl:sequence select="e:fail('a rule extends the abstract rule ''' || @rule || ''' of another pattern')"/>
      </xsl:when>
      <xsl:when test="empty($abstract)">
        <xsl:sequence select="e:fail('a rule extends ''' || @rule || ''': no abstract rule has that id')"/>
      </xsl:when>
    </xsl:choose>
    <xsl:variable name="lang" select="($abstract/ancestor-or-self::*/@xml:lang)[last()]"/>
    <xsl:for-each select="$abstract/node()">
      <xsl:variable name="copied">
        <xsl:apply-templates select="." mode="extend">
          <xsl:with-param name="visited" select="$visited, string(current()/../@id)" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:variable>
      <xsl:for-each select="$copied/node()">
        <xsl:copy>
          <xsl:if test="self::element() and $lang and not(@xml:lang)">
            <xsl:attribute name="xml:lang" select="$lang"/>
          </xsl:if>
          <xsl:copy-of select="@*, node()"/>
        </xsl:copy>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <!-- ============================================================ generate -->

  <xsl:template match="sch:schema" mode="generate">
    <xsl:variable name="phase-id" select="if ($phase != '') then $phase else (@defaultPhase, '#ALL')[1]"/>
    <xsl:variable name="phase" select="sch:phase[@id = $phase-id]"/>
    <xsl:if test="$phase-id != '#ALL' and empty($phase)">
      <xsl:sequence select="e:fail('no phase has the id ''' || $phase-id || ''' (phases: '
          || (string-join(sch:phase/@id, ', '), 'none')[. != ''][1] || ')')"/>
    </xsl:if>
    <xsl:variable name="patterns" select="if (empty($phase)) then sch:pattern
                                          else sch:pattern[@id = $phase/sch:active/@pattern]"/>
    <xsl:variable name="compatible" select="lower-case(normalize-space(@queryBinding)) = ('', 'xslt')"/>
    <xsl:variable name="global-names" select="(sch:let, $phase/sch:let)/@name"/>
    <!-- Pattern variables are global (rule contexts may use them) unless two patterns share a name. -->
    <xsl:variable name="pattern-lets" select="$patterns/sch:let"/>
    <xsl:variable name="global-pattern-lets" select="$pattern-lets[not(@name = $global-names)]
        [let $name := @name return count($pattern-lets[@name = $name]) = 1]"/>
    <gen:stylesheet version="3.0" default-mode="Q{{urn:editio:schematron}}run" exclude-result-prefixes="#all">
      <xsl:attribute name="e:query-binding" select="@queryBinding"/>
      <!-- The schema's URI is the rules' static base URI: doc('x.xml') is x.xml beside the schema. -->
      <xsl:attribute name="xml:base" select="$e:schema-uri"/>
      <xsl:apply-templates select="*:import[namespace-uri() = 'http://www.w3.org/1999/XSL/Transform']" mode="verbatim"/>
      <gen:param name="Q{{urn:editio:schematron}}documents" as="document-node()*" select="()"/>
      <gen:variable name="Q{{urn:editio:schematron}}by-uri" as="map(*)"
          select="Q{{http://www.w3.org/2005/xpath-functions/map}}merge($Q{{urn:editio:schematron}}documents ! map{{replace(string(base-uri(.)), '^file:/+', 'file:///'): .}}, map{{'duplicates': 'use-first'}})"/>
      <xsl:call-template name="e:document-functions"/>
      <xsl:apply-templates select="*[namespace-uri() = 'http://www.w3.org/1999/XSL/Transform'][not(local-name() = 'import')]" mode="verbatim"/>
      <xsl:for-each select="sch:let">
        <xsl:call-template name="e:let"><xsl:with-param name="element" select="'param'"/>
          <xsl:with-param name="compatible" select="$compatible"/></xsl:call-template>
      </xsl:for-each>
      <xsl:for-each select="$phase/sch:let, $global-pattern-lets">
        <xsl:call-template name="e:let"><xsl:with-param name="compatible" select="$compatible"/></xsl:call-template>
      </xsl:for-each>
      <xsl:for-each select="$patterns">
        <gen:mode name="Q{{urn:editio:schematron}}pattern-{position()}" on-no-match="shallow-skip"/>
      </xsl:for-each>

      <gen:mode name="Q{{urn:editio:schematron}}run" use-accumulators="#all"/>
      <gen:template match="document-node()" mode="Q{{urn:editio:schematron}}run">
        <gen:variable name="Q{{urn:editio:schematron}}results" as="item()*">
          <xsl:for-each select="$patterns">
            <xsl:apply-templates select="." mode="generate-start">
              <xsl:with-param name="mode" select="'Q{urn:editio:schematron}pattern-' || position()"/>
              <xsl:with-param name="from" select="$phase/@from"/>
              <xsl:with-param name="compatible" select="$compatible"/>
            </xsl:apply-templates>
          </xsl:for-each>
        </gen:variable>
        <gen:variable name="Q{{urn:editio:schematron}}report" as="document-node()">
          <gen:document>
            <gen:element name="svrl:schematron-output" namespace="{$e:svrl}">
              <xsl:for-each select="@schemaVersion, sch:title[1]">
                <gen:attribute name="{if (self::attribute()) then name() else 'title'}"><gen:text><xsl:value-of select="normalize-space(.)"/></gen:text></gen:attribute>
              </xsl:for-each>
              <xsl:if test="exists($phase)">
                <gen:attribute name="phase"><gen:text><xsl:value-of select="$phase-id"/></gen:text></gen:attribute>
              </xsl:if>
              <xsl:for-each select="sch:ns">
                <gen:element name="svrl:ns-prefix-in-attribute-values" namespace="{$e:svrl}">
                  <gen:attribute name="prefix"><gen:text><xsl:value-of select="@prefix"/></gen:text></gen:attribute>
                  <gen:attribute name="uri"><gen:text><xsl:value-of select="@uri"/></gen:text></gen:attribute>
                </gen:element>
              </xsl:for-each>
              <gen:sequence select="$Q{{urn:editio:schematron}}results[. instance of element()]"/>
            </gen:element>
          </gen:document>
        </gen:variable>
        <gen:sequence select="$Q{{urn:editio:schematron}}report, $Q{{urn:editio:schematron}}results[. instance of map(*)] ! ?node"/>
      </gen:template>

      <xsl:for-each select="$patterns">
        <xsl:variable name="mode" select="'Q{urn:editio:schematron}pattern-' || position()"/>
        <xsl:variable name="local-lets" select="sch:let except $global-pattern-lets"/>
        <xsl:for-each select="sch:rule[@context]">
          <xsl:apply-templates select="." mode="generate">
            <xsl:with-param name="mode" select="$mode"/>
            <xsl:with-param name="priority" select="last() - position() + 1"/>
            <xsl:with-param name="local-lets" select="$local-lets"/>
            <xsl:with-param name="compatible" select="$compatible"/>
          </xsl:apply-templates>
        </xsl:for-each>
      </xsl:for-each>
    </gen:stylesheet>
  </xsl:template>

  <!-- Where a pattern starts: its active-pattern record, then its rules over the document, over the
       nodes of a phase's @from, or over the documents its @documents names. -->
  <xsl:template match="sch:pattern" mode="generate-start">
    <xsl:param name="mode" as="xs:string"/>
    <xsl:param name="from" as="attribute()?"/>
    <xsl:param name="compatible" as="xs:boolean"/>
    <xsl:variable name="documents" select="if (@documents) then 'Q{urn:editio:schematron}subordinate((' || e:expression(@documents) || '), .)' else '.'"/>
    <gen:for-each select=".">
      <xsl:sequence select="e:namespace-nodes(.)"/>
      <gen:variable name="Q{{urn:editio:schematron}}pattern-documents" select="{$documents}"/>
      <gen:element name="svrl:active-pattern" namespace="{$e:svrl}">
        <xsl:for-each select="@id, @name, @role">
          <gen:attribute name="{name()}"><gen:text><xsl:value-of select="."/></gen:text></gen:attribute>
        </xsl:for-each>
        <gen:attribute name="documents" select="string-join($Q{{urn:editio:schematron}}pattern-documents ! base-uri(.), ' ')"/>
      </gen:element>
      <gen:for-each select="$Q{{urn:editio:schematron}}pattern-documents">
        <gen:apply-templates select="{if ($from) then e:expression($from) else '.'}" mode="{$mode}"/>
      </gen:for-each>
    </gen:for-each>
  </xsl:template>

  <xsl:template match="sch:rule" mode="generate">
    <xsl:param name="mode" as="xs:string"/>
    <xsl:param name="priority" as="xs:integer"/>
    <xsl:param name="local-lets" as="element(sch:let)*"/>
    <xsl:param name="compatible" as="xs:boolean"/>
    <gen:template match="{e:expression(@context)}" mode="{$mode}" priority="{$priority}">
      <xsl:sequence select="e:namespace-nodes(.)"/>
      <xsl:if test="$compatible"><xsl:attribute name="version" select="'1.0'"/></xsl:if>
      <!-- The node the rule fired on, which a failure is located at (also under visit-each). -->
      <gen:variable name="Q{{urn:editio:schematron}}context" select="."/>
      <xsl:for-each select="$local-lets">
        <xsl:call-template name="e:let"/>
      </xsl:for-each>
      <gen:element name="svrl:fired-rule" namespace="{$e:svrl}">
        <gen:attribute name="context"><gen:text><xsl:value-of select="@context"/></gen:text></gen:attribute>
        <xsl:for-each select="@id, @name">
          <gen:attribute name="{name()}"><gen:text><xsl:value-of select="."/></gen:text></gen:attribute>
        </xsl:for-each>
        <xsl:for-each select="@role, @flag">
          <gen:attribute name="{name()}"><xsl:sequence select="e:value-template(.)"/></gen:attribute>
        </xsl:for-each>
        <gen:attribute name="document" select="base-uri(root(.))"/>
      </gen:element>
      <xsl:for-each select="sch:let"><xsl:call-template name="e:let"/></xsl:for-each>
      <xsl:choose>
        <xsl:when test="@visit-each">
          <gen:for-each select="{e:expression(@visit-each)}">
            <xsl:apply-templates select="sch:assert | sch:report" mode="generate"/>
          </gen:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="sch:assert | sch:report" mode="generate"/>
        </xsl:otherwise>
      </xsl:choose>
      <gen:apply-templates select="@* | node()" mode="#current"/>
    </gen:template>
  </xsl:template>

  <xsl:template match="sch:assert | sch:report" mode="generate">
    <xsl:variable name="test" select="e:expression(@test)"/>
    <gen:if test="{if (self::sch:assert) then 'not(' || $test || ')' else $test}">
      <xsl:sequence select="e:namespace-nodes(.)"/>
      <gen:element name="svrl:{if (self::sch:assert) then 'failed-assert' else 'successful-report'}" namespace="{$e:svrl}">
        <gen:attribute name="test"><gen:text><xsl:value-of select="@test"/></gen:text></gen:attribute>
        <xsl:for-each select="@id, @see, @icon, @fpi, (ancestor-or-self::*/@xml:lang)[last()]">
          <gen:attribute name="{name()}"><gen:text><xsl:value-of select="."/></gen:text></gen:attribute>
        </xsl:for-each>
        <xsl:for-each select="@role, @flag">
          <gen:attribute name="{name()}"><xsl:sequence select="e:value-template(.)"/></gen:attribute>
        </xsl:for-each>
        <gen:attribute name="location" select="path($Q{{urn:editio:schematron}}context)"/>
        <xsl:for-each select="e:inlined/sch:diagnostic">
          <gen:element name="svrl:diagnostic-reference" namespace="{$e:svrl}">
            <gen:attribute name="diagnostic"><gen:text><xsl:value-of select="@id"/></gen:text></gen:attribute>
            <xsl:call-template name="e:text"/>
          </gen:element>
        </xsl:for-each>
        <xsl:for-each select="e:inlined/sch:property">
          <gen:element name="svrl:property-reference" namespace="{$e:svrl}">
            <gen:attribute name="property"><gen:text><xsl:value-of select="@id"/></gen:text></gen:attribute>
            <xsl:for-each select="@role, @scheme">
              <gen:attribute name="{name()}"><xsl:sequence select="e:value-template(.)"/></gen:attribute>
            </xsl:for-each>
            <xsl:call-template name="e:text"/>
          </gen:element>
        </xsl:for-each>
        <xsl:call-template name="e:text"/>
      </gen:element>
      <gen:sequence select="map{{'node': $Q{{urn:editio:schematron}}context}}"/>
    </gen:if>
  </xsl:template>

  <!-- svrl:text: the message, with its value-of and name evaluated; a diagnostic's or property's
       see, icon, fpi and language on it. -->
  <xsl:template name="e:text">
    <gen:element name="svrl:text" namespace="{$e:svrl}">
      <xsl:if test="self::sch:diagnostic or self::sch:property">
        <xsl:for-each select="@see, @icon, @fpi, (ancestor-or-self::*/@xml:lang)[last()]">
          <gen:attribute name="{name()}"><gen:text><xsl:value-of select="."/></gen:text></gen:attribute>
        </xsl:for-each>
      </xsl:if>
      <xsl:apply-templates select="node() except e:inlined" mode="message"/>
    </gen:element>
  </xsl:template>

  <xsl:template match="text()" mode="message">
    <gen:text><xsl:value-of select="."/></gen:text>
  </xsl:template>
  <!-- Whitespace between the parts of a message is layout, as in any stylesheet. -->
  <xsl:template match="text()[not(normalize-space())]" mode="message data"/>
  <xsl:template match="sch:value-of" mode="message">
    <gen:value-of select="{e:expression(@select)}"><xsl:sequence select="e:namespace-nodes(.)"/></gen:value-of>
  </xsl:template>
  <xsl:template match="sch:name" mode="message">
    <gen:value-of select="{if (@path) then e:expression(@path) else 'name(.)'}"><xsl:sequence select="e:namespace-nodes(.)"/></gen:value-of>
  </xsl:template>
  <xsl:template match="sch:emph | sch:dir | sch:span" mode="message">
    <gen:element name="svrl:{local-name()}" namespace="{$e:svrl}">
      <xsl:apply-templates select="node()" mode="message"/>
    </gen:element>
  </xsl:template>
  <!-- Foreign elements (xsl:copy-of in a property, say) are run as they are. -->
  <xsl:template match="*" mode="message">
    <xsl:apply-templates select="." mode="verbatim"/>
  </xsl:template>

  <xsl:template match="*" mode="verbatim">
    <xsl:copy>
      <xsl:attribute name="e:verbatim" select="'yes'"/>
      <xsl:copy-of select="@*, node()"/>
    </xsl:copy>
  </xsl:template>
  <xsl:template match="comment() | processing-instruction()" mode="message"/>

  <!-- A let: a variable (a stylesheet parameter at schema level, as other Schematron processors make
       it); element content is data, built node by node so that nothing in it runs. -->
  <xsl:template name="e:let">
    <xsl:param name="element" as="xs:string" select="'variable'"/>
    <xsl:param name="compatible" as="xs:boolean" select="false()"/>
    <xsl:element name="axsl:{$element}" namespace="http://www.w3.org/1999/XSL/Transform">
      <xsl:sequence select="e:namespace-nodes(.)"/>
      <xsl:attribute name="name" select="@name"/>
      <xsl:if test="$compatible"><xsl:attribute name="version" select="'1.0'"/></xsl:if>
      <xsl:if test="@as"><xsl:attribute name="as" select="@as"/></xsl:if>
      <xsl:choose>
        <xsl:when test="@value"><xsl:attribute name="select" select="e:expression(@value)"/></xsl:when>
        <xsl:otherwise>
          <xsl:if test="not(@as)"><xsl:attribute name="as" select="'node()*'"/></xsl:if>
          <xsl:apply-templates select="node()" mode="data"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <xsl:template match="*" mode="data">
    <gen:element name="{name()}" namespace="{namespace-uri()}">
      <xsl:for-each select="@*">
        <gen:attribute name="{name()}" namespace="{namespace-uri()}"><gen:text><xsl:value-of select="."/></gen:text></gen:attribute>
      </xsl:for-each>
      <xsl:apply-templates select="node()" mode="data"/>
    </gen:element>
  </xsl:template>
  <xsl:template match="text()" mode="data">
    <gen:text><xsl:value-of select="."/></gen:text>
  </xsl:template>
  <xsl:template match="comment() | processing-instruction()" mode="data"/>

  <!-- An attribute value template (role, flag may hold one) as text and value-of instructions. -->
  <xsl:function name="e:value-template" as="element()*">
    <xsl:param name="template" as="attribute()"/>
    <xsl:analyze-string select="$template" regex="\{{\{{|\}}\}}|\{{([^}}]*)\}}">
      <xsl:matching-substring>
        <xsl:choose>
          <xsl:when test=". = ('{{', '}}')"><gen:text><xsl:value-of select="substring(., 1, 1)"/></gen:text></xsl:when>
          <xsl:otherwise>
            <gen:value-of select="{e:expression(regex-group(1))}"><xsl:sequence select="e:namespace-nodes($template/..)"/></gen:value-of>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:matching-substring>
      <xsl:non-matching-substring><gen:text><xsl:value-of select="."/></gen:text></xsl:non-matching-substring>
    </xsl:analyze-string>
  </xsl:function>

  <!-- A rule's expression with its calls of document functions routed to editio's. -->
  <xsl:function name="e:expression" as="xs:string">
    <xsl:param name="expression" as="xs:string"/>
    <xsl:sequence select="replace($expression, $e:document-functions, '$1Q{urn:editio:schematron}$3$4')"/>
  </xsl:function>

  <!-- The namespaces an expression written in $element needs in the generated stylesheet, as an
       attribute that the fixup mode turns into namespace nodes (added directly, a schema's own binding
       of a prefix such as xsl would clash with this stylesheet's). -->
  <xsl:function name="e:namespace-nodes" as="attribute()+">
    <xsl:param name="element" as="element()"/>
    <xsl:attribute name="e:namespaces" select="in-scope-prefixes($element)[not(. = ('', 'xml', 'axsl'))]
        ! (. || '=' || namespace-uri-for-prefix(., $element))"/>
    <!-- Where it stands in the schema (set by the caller), so that an XPath error can be placed. -->
    <xsl:sequence select="$element/@e:at"/>
  </xsl:function>

  <xsl:mode name="fixup" on-no-match="shallow-copy"/>

  <xsl:template match="*" mode="fixup">
    <xsl:copy copy-namespaces="no">
      <xsl:for-each select="tokenize(@e:namespaces)">
        <xsl:namespace name="{substring-before(., '=')}" select="substring-after(., '=')"/>
      </xsl:for-each>
      <xsl:apply-templates select="@* except @e:namespaces, node()" mode="fixup"/>
    </xsl:copy>
  </xsl:template>

  <!-- XSLT written in the schema (functions, keys, a property's copy-of) keeps its own namespaces. -->
  <xsl:template match="*[@e:verbatim]" mode="fixup">
    <xsl:copy>
      <xsl:copy-of select="@* except @e:verbatim, node()"/>
    </xsl:copy>
  </xsl:template>

  <!-- editio's document functions: only the documents passed in are ever served; nothing is read. -->
  <xsl:template name="e:document-functions">
    <gen:function name="Q{{urn:editio:schematron}}served" as="document-node()?">
      <gen:param name="uri" as="item()?"/>
      <gen:param name="base" as="item()?"/>
      <gen:sequence select="if (empty($uri) or string($uri) = '') then () else
          $Q{{urn:editio:schematron}}by-uri(replace(string(resolve-uri(string($uri), string($base))), '^file:/+', 'file:///'))"/>
    </gen:function>
    <gen:function name="Q{{urn:editio:schematron}}doc" as="document-node()?">
      <gen:param name="uri" as="item()?"/>
      <gen:sequence select="Q{{urn:editio:schematron}}served($uri, static-base-uri())"/>
    </gen:function>
    <gen:function name="Q{{urn:editio:schematron}}doc-available" as="Q{{http://www.w3.org/2001/XMLSchema}}boolean">
      <gen:param name="uri" as="item()?"/>
      <gen:sequence select="exists(Q{{urn:editio:schematron}}served($uri, static-base-uri()))"/>
    </gen:function>
    <gen:function name="Q{{urn:editio:schematron}}document" as="document-node()*">
      <gen:param name="uris" as="item()*"/>
      <gen:sequence select="$uris ! Q{{urn:editio:schematron}}served(., if (. instance of node()) then base-uri(.) else static-base-uri())"/>
    </gen:function>
    <gen:function name="Q{{urn:editio:schematron}}document" as="document-node()*">
      <gen:param name="uris" as="item()*"/>
      <gen:param name="base" as="node()"/>
      <gen:sequence select="$uris ! Q{{urn:editio:schematron}}served(., base-uri($base))"/>
    </gen:function>
    <gen:function name="Q{{urn:editio:schematron}}subordinate" as="document-node()*">
      <gen:param name="uris" as="item()*"/>
      <gen:param name="context" as="node()"/>
      <gen:sequence select="$uris ! Q{{urn:editio:schematron}}served(., if (. instance of node()) then base-uri(.) else base-uri($context))"/>
    </gen:function>
    <xsl:for-each select="'unparsed-text', 'unparsed-text-lines', 'json-doc'">
      <xsl:variable name="name" select="."/>
      <xsl:for-each select="1, 2">
        <gen:function name="Q{{urn:editio:schematron}}{$name}" as="item()*">
          <xsl:for-each select="1 to ."><gen:param name="p{.}" as="item()*"/></xsl:for-each>
          <gen:sequence select="error(QName('urn:editio:schematron', 'e:refused'), '{$name}() is refused: a rule reads only the XML documents of the edition')"/>
        </gen:function>
      </xsl:for-each>
    </xsl:for-each>
    <gen:function name="Q{{urn:editio:schematron}}unparsed-text-available" as="Q{{http://www.w3.org/2001/XMLSchema}}boolean">
      <gen:param name="p1" as="item()*"/>
      <gen:sequence select="false()"/>
    </gen:function>
    <xsl:for-each select="'collection', 'uri-collection'">
      <xsl:variable name="name" select="."/>
      <xsl:for-each select="0, 1">
        <gen:function name="Q{{urn:editio:schematron}}{$name}" as="item()*">
          <xsl:for-each select="1 to ."><gen:param name="p{.}" as="item()*"/></xsl:for-each>
          <gen:sequence select="{if ($name = 'collection') then '$Q{urn:editio:schematron}documents' else '$Q{urn:editio:schematron}documents ! base-uri(.)'}"/>
        </gen:function>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
