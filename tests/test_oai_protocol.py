"""The OAI-PMH endpoint, verb by verb and error by error, through the real WSGI application.

Every response is validated against OAI-PMH.xsd with the embedded records against their own
schemas. Expectations are computed from the catalogue the build wrote, never typed in.
"""

from __future__ import annotations

import re

import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from urllib.parse import quote, unquote_plus, urlencode

import pytest
from lxml import etree

from editio.oai.tokens import ListQuery, Position, ResumptionTokens
from editio.server import create_app, load_secret

pytest.register_assert_rewrite("oai_support")  # imported here before pytest loads it as a plugin
from oai_support import (NS, OAI, SECRET, Clock, assert_oai, call, error_code, read_catalogue,  # noqa: E402
                         TEI_PREFIX, request_attributes)

pytest_plugins = ["oai_support"]  # its fixtures: real_build, generated_edition, catalogue, expected, live_server


LIFETIME = timedelta(minutes=10)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def app(generated_edition, clock):
    return create_app(generated_edition, secret=SECRET, clock=clock, token_lifetime=LIFETIME)


def oai(app, query: str = "", **options) -> etree._Element:
    return assert_oai(call(app, query=query, **options))


def headers_of(tree) -> list[tuple[str, str, list[str]]]:
    return [(header.findtext("oai:identifier", namespaces=NS), header.findtext("oai:datestamp", namespaces=NS),
             [spec.text for spec in header.findall("oai:setSpec", NS)])
            for header in tree.iter(f"{OAI}header")]


def as_headers(items) -> list[tuple[str, str, list[str]]]:
    return [(item["identifier"], item["datestamp"], item["sets"]) for item in items]


def harvest(app, verb: str, **arguments) -> tuple[list[etree._Element], list[etree._Element]]:
    """Follow resumption tokens to the end: every page, and every resumptionToken element met."""
    pages, tokens = [], []
    query = urlencode({"verb": verb, **arguments})
    for _ in range(100):
        tree = oai(app, query)
        pages.append(tree)
        token = tree.find(f".//{OAI}resumptionToken")
        if token is None or not token.text:
            tokens.extend([token] if token is not None else [])
            return pages, tokens
        tokens.append(token)
        query = urlencode({"verb": verb, "resumptionToken": token.text})
    raise AssertionError("the harvest did not end within 100 pages")


def canonical(element) -> bytes:
    return etree.tostring(element, method="c14n", exclusive=True)


# --- Identify, ListMetadataFormats, ListSets ---------------------------------------------------

def test_identify_describes_the_repository(app, catalogue, expected, clock):
    tree = oai(app, "verb=Identify")
    identify = tree.find(f"{OAI}Identify")
    text = {child.tag.removeprefix(OAI): child.text for child in identify if child.tag != f"{OAI}description"}
    repository = catalogue["repository"]
    assert text == {"repositoryName": repository["name"], "baseURL": "http://127.0.0.1/oai",
                    "protocolVersion": "2.0", "adminEmail": repository["admin_email"],
                    "earliestDatestamp": min(repository["earliest_datestamp"], expected[0]["datestamp"]),
                    "deletedRecord": "persistent", "granularity": "YYYY-MM-DD"}
    assert tree.findtext(f"{OAI}responseDate") == clock.now.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert request_attributes(tree) == {"verb": "Identify"}
    # How identifiers are made (validated against oai-identifier.xsd with the response), with a real sample.
    scheme = "{http://www.openarchives.org/OAI/2.0/oai-identifier}"
    description = identify.find(f"{OAI}description/{scheme}oai-identifier")
    assert description.findtext(f"{scheme}repositoryIdentifier") == repository["domain"]
    sample = description.findtext(f"{scheme}sampleIdentifier")
    assert sample == f"oai:{repository['domain']}:{expected[0]['id']}"
    assert oai(app, f"verb=GetRecord&metadataPrefix=oai_dc&identifier={sample}").find(f".//{OAI}record") is not None


def test_response_date_is_computed_for_each_request(app, clock):
    first = oai(app, "verb=Identify").findtext(f"{OAI}responseDate")
    clock.advance(seconds=61)
    assert oai(app, "verb=Identify").findtext(f"{OAI}responseDate") != first


@pytest.mark.parametrize("host, script, url", [
    ("example.net:8080", "", "http://127.0.0.1/oai"),  # a Host header is never echoed: the server's own name
    ("[::1]:8000", "/edition", "http://127.0.0.1/edition/oai"),
    ('evil"><x', "", "http://127.0.0.1/oai"),
])
def test_base_url_is_the_servers_own_address_whatever_the_host_header(app, host, script, url):
    tree = assert_oai(call(app, query="verb=Identify", headers={"Host": host}, environ={"SCRIPT_NAME": script}))
    assert tree.findtext(f"{OAI}Identify/{OAI}baseURL") == url
    assert tree.findtext(f"{OAI}request") == url


def test_a_request_without_a_usable_server_name_gets_localhost_not_waitress_invalid():
    from editio.public_url import PublicUrl
    environ = {"SERVER_NAME": "waitress.invalid", "SERVER_PORT": "8765", "wsgi.url_scheme": "http"}
    assert PublicUrl().endpoint(environ, "/oai") == "http://localhost:8765/oai"
    assert PublicUrl(own_host="127.0.0.1:8765").endpoint(environ, "/oai") == "http://127.0.0.1:8765/oai"


FORWARDED = {"X-Forwarded-Host": "edition.example.net", "X-Forwarded-Proto": "https", "X-Forwarded-Prefix": "/kropotkin"}


@pytest.mark.parametrize("remote, url", [
    ("10.0.0.7", "https://edition.example.net/kropotkin/oai"),  # a trusted proxy: believed
    ("10.0.0.8", "http://127.0.0.1/oai"),                        # anyone else: ignored
])
def test_forwarded_headers_count_only_from_a_trusted_proxy(generated_edition, clock, remote, url):
    from editio.public_url import PublicUrl
    app = create_app(generated_edition, secret=SECRET, clock=clock)
    app.public_url = PublicUrl(trusted_proxies=frozenset({"10.0.0.7"}))
    tree = assert_oai(call(app, query="verb=Identify", headers=FORWARDED, environ={"REMOTE_ADDR": remote}))
    assert tree.findtext(f"{OAI}Identify/{OAI}baseURL") == url


def test_the_base_url_set_in_editio_toml_wins(generated_edition, clock, tmp_path):
    from editio.public_url import PublicUrl
    app = create_app(generated_edition, secret=SECRET, clock=clock)
    app.public_url = PublicUrl("https://oai.example.org/edition/oai", frozenset({"127.0.0.1"}))
    tree = assert_oai(call(app, query="verb=Identify", headers=FORWARDED, environ={"REMOTE_ADDR": "127.0.0.1"}))
    assert tree.findtext(f"{OAI}Identify/{OAI}baseURL") == "https://oai.example.org/edition/oai"


def test_oai_base_url_and_trusted_proxies_are_read_from_editio_toml(tmp_path):
    from editio.config import load_config
    from editio.errors import ConfigError
    (tmp_path / "editio.toml").write_text('[oai]\nbase_url = "https://oai.example.org/oai"\n'
                                          'trusted_proxies = "127.0.0.1, ::1"\n', encoding="utf-8")
    config = load_config(tmp_path)
    assert config.oai.base_url == "https://oai.example.org/oai" and config.oai.proxies == {"127.0.0.1", "::1"}
    (tmp_path / "editio.toml").write_text('[oai]\nbase_url = "oai.example.org"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="oai.base_url"):
        load_config(tmp_path)


@pytest.mark.parametrize("accept, compressed", [
    ("gzip", True), ("br, gzip;q=0.5", True), ("*", True), ("gzip;q=0", False), ("identity", False), ("", False)])
def test_responses_are_gzipped_when_the_client_accepts_it(app, accept, compressed):
    import gzip
    plain_reply = call(app, query="verb=ListRecords&metadataPrefix=oai_dc")
    reply = call(app, query="verb=ListRecords&metadataPrefix=oai_dc", headers={"Accept-Encoding": accept})
    assert reply.headers["Vary"] == "Accept-Encoding"
    assert (reply.headers.get("Content-Encoding") == "gzip") is compressed
    body = gzip.decompress(reply.body) if compressed else reply.body
    assert int(reply.headers["Content-Length"]) == len(reply.body)
    # The same response (its responseDate aside) either way.
    strip = lambda b: re.sub(rb"<responseDate>[^<]*</responseDate>", b"", b)
    assert strip(body) == strip(plain_reply.body)
    if compressed:
        assert len(reply.body) < len(body) / 3


def test_list_metadata_formats_lists_the_catalogue_formats(app, catalogue, expected):
    for query in ("verb=ListMetadataFormats",
                  "verb=ListMetadataFormats&identifier=" + quote(expected[0]["identifier"])):
        tree = oai(app, query)
        listed = {f.findtext("oai:metadataPrefix", namespaces=NS): {
            "namespace": f.findtext("oai:metadataNamespace", namespaces=NS),
            "schema": f.findtext("oai:schema", namespaces=NS)} for f in tree.iter(f"{OAI}metadataFormat")}
        assert listed == catalogue["formats"]
        assert {"oai_dc", "mods", "tei"} <= set(listed)


def test_list_sets(app, catalogue):
    """Every set of the catalogue, a page at a time (a corpus has a set per correspondent and year)."""
    pages, tokens = harvest(app, "ListSets")
    sets = {s.findtext("oai:setSpec", namespaces=NS): s.findtext("oai:setName", namespaces=NS)
            for page in pages for s in page.iter(f"{OAI}set")}
    assert sets == catalogue["sets"]
    assert "letters" in sets and "texts" in sets
    assert len(pages) == -(-len(sets) // 5) > 1
    assert [int(t.get("cursor")) for t in tokens] == list(range(0, len(sets), 5))


# --- GetRecord ---------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix", ["oai_dc", "mods", TEI_PREFIX])
def test_get_record_embeds_the_real_record(real_build, prefix):
    """The letter's own records, from the real build, as the build wrote them."""
    catalogue = read_catalogue(real_build / "metadata")
    app = create_app(real_build, secret=SECRET)
    for record in catalogue["records"]:
        identifier = f"oai:{catalogue['repository']['domain']}:{record['id']}"
        tree = oai(app, urlencode({"verb": "GetRecord", "identifier": identifier, "metadataPrefix": prefix}))
        assert headers_of(tree) == [(identifier, record["datestamp"], record["sets"])]
        embedded = tree.find(f"{OAI}GetRecord/{OAI}record/{OAI}metadata")[0]
        assert etree.QName(embedded).namespace == catalogue["formats"][prefix]["namespace"]
        written = etree.parse(str(real_build / "metadata" / record["files"][prefix])).getroot()
        assert canonical(embedded) == canonical(written)
        assert request_attributes(tree) == {"verb": "GetRecord", "identifier": identifier, "metadataPrefix": prefix}


def test_the_letter_is_in_the_letters_set(real_build):
    catalogue = read_catalogue(real_build / "metadata")
    letter = next(r for r in catalogue["records"] if r["id"] == "letter-to-the-workers-of-western-europe")
    assert "letters" in letter["sets"]
    tree = oai(create_app(real_build, secret=SECRET), "verb=ListIdentifiers&metadataPrefix=oai_dc&set=letters")
    assert f"oai:editio.example.org:{letter['id']}" in [h[0] for h in headers_of(tree)]


# --- ListIdentifiers and ListRecords through resumption tokens ---------------------------------

def test_list_identifiers_pages_through_every_item_in_order(app, expected, clock):
    pages, tokens = harvest(app, "ListIdentifiers", metadataPrefix="oai_dc")
    assert len(pages) == -(-len(expected) // 5) > 2
    assert [h for page in pages for h in headers_of(page)] == as_headers(expected)
    assert [int(t.get("cursor")) for t in tokens] == list(range(0, len(expected), 5))
    assert {t.get("completeListSize") for t in tokens} == {str(len(expected))}
    assert all(t.get("expirationDate") == (clock.now + LIFETIME).strftime("%Y-%m-%dT%H:%M:%SZ")
               for t in tokens[:-1])
    assert tokens[-1].text is None and tokens[-1].get("expirationDate") is None  # the last page's empty token


@pytest.mark.parametrize("prefix", ["oai_dc", "mods", TEI_PREFIX])
def test_list_records_pages_through_every_record(app, expected, generated_edition, prefix):
    pages, _ = harvest(app, "ListRecords", metadataPrefix=prefix)
    records = [record for page in pages for record in page.iter(f"{OAI}record")]
    assert [h for page in pages for h in headers_of(page)] == as_headers(expected)
    for record, item in zip(records, expected, strict=True):
        written = etree.parse(str(generated_edition / "metadata" / item["files"][prefix])).getroot()
        assert canonical(record.find(f"{OAI}metadata")[0]) == canonical(written)


def test_a_list_that_fits_one_page_has_no_token(generated_edition, expected):
    app = create_app(generated_edition, secret=SECRET, page_size=len(expected))
    tree = oai(app, "verb=ListIdentifiers&metadataPrefix=oai_dc")
    assert len(headers_of(tree)) == len(expected)
    assert tree.find(f".//{OAI}resumptionToken") is None


def test_the_resumed_request_echoes_only_the_token(app):
    token = oai(app, "verb=ListRecords&metadataPrefix=oai_dc").find(f".//{OAI}resumptionToken").text
    tree = oai(app, urlencode({"verb": "ListRecords", "resumptionToken": token}))
    assert request_attributes(tree) == {"verb": "ListRecords", "resumptionToken": token}


# --- selective harvesting ----------------------------------------------------------------------

@pytest.mark.parametrize("verb", ["ListIdentifiers", "ListRecords"])
def test_from_until_and_set_select_inclusively(app, expected, verb):
    days = sorted({item["datestamp"] for item in expected})
    low, high = days[len(days) // 4], days[3 * len(days) // 4]
    cases = [({"from": low}, lambda item: item["datestamp"] >= low),
             ({"until": high}, lambda item: item["datestamp"] <= high),
             ({"from": low, "until": high}, lambda item: low <= item["datestamp"] <= high),
             ({"from": low, "until": low}, lambda item: item["datestamp"] == low),
             ({"set": "letters"}, lambda item: "letters" in item["sets"]),
             ({"set": "texts", "from": low}, lambda item: "texts" in item["sets"] and item["datestamp"] >= low)]
    for arguments, keep in cases:
        pages, _ = harvest(app, verb, metadataPrefix="oai_dc", **arguments)
        wanted = [item for item in expected if keep(item)]
        assert wanted, arguments  # each case must select something for the test to mean anything
        assert [h for page in pages for h in headers_of(page)] == as_headers(wanted), arguments
        assert request_attributes(pages[0]) == {"verb": verb, "metadataPrefix": "oai_dc", **arguments}


def test_a_set_holds_the_items_of_its_subsets(generated_edition, tmp_path):
    def nest(catalogue):
        catalogue["sets"]["letters:open"] = "Open letters"
        for number, record in enumerate(catalogue["records"]):
            record["sets"] = ["letters:open"] if number % 3 == 0 else ["letters", "letters:open"][: number % 3]

    folder = _variant(generated_edition, tmp_path, nest)
    catalogue = read_catalogue(folder / "metadata")
    domain = catalogue["repository"]["domain"]
    app = create_app(folder, secret=SECRET, page_size=100)
    in_open = oai(app, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=letters:open")
    in_letters = oai(app, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=letters")
    assert {h[0] for h in headers_of(in_open)} == {f"oai:{domain}:{r['id']}" for r in catalogue["records"]
                                                   if "letters:open" in r["sets"]}
    assert sorted(h[0] for h in headers_of(in_letters)) == sorted(f"oai:{domain}:{r['id']}"
                                                                  for r in catalogue["records"])


# --- errors ------------------------------------------------------------------------------------

ERRORS = [
    ("", "badVerb"),
    ("verb=", "badVerb"),
    ("verb=identify", "badVerb"),
    ("verb=Frobnicate&metadataPrefix=oai_dc", "badVerb"),
    ("verb=Identify&verb=Identify", "badVerb"),
    ("verb=Identify&verb=ListSets", "badVerb"),
    ("verb=Identify&metadataPrefix=oai_dc", "badArgument"),
    ("verb=Identify&Verb=Identify", "badArgument"),
    ("verb=ListSets&set=letters", "badArgument"),
    ("verb=GetRecord&metadataPrefix=oai_dc", "badArgument"),
    ("verb=GetRecord&identifier={ID}", "badArgument"),
    ("verb=GetRecord&identifier=&metadataPrefix=oai_dc", "badArgument"),
    ("verb=GetRecord&identifier=not%20a%20uri&metadataPrefix=oai_dc", "badArgument"),
    ("verb=GetRecord&identifier={ID}&metadataPrefix=oai_dc&metadataPrefix=oai_dc", "badArgument"),
    ("verb=ListRecords", "badArgument"),
    ("verb=ListIdentifiers&from=2020-01-01", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=mods", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai%20dc", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&set=two%20words", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&set=", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2020-13-01", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2021-02-29", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=20200101", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2020-1-1", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T00:00:00", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&until=%D9%A2020-01-01", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2021-01-02&until=2021-01-01", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2021-01-01T00:00:00Z", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T10:00:00Z", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc", "badArgument"),
    ("verb=ListSets&resumptionToken=abc&set=letters", "badArgument"),
    ("verb=Identify&junk=%FF%FE", "badArgument"),
    ("verb=Identify&junk=%01", "badArgument"),
    ("verb=ListSets&resumptionToken=abc", "badResumptionToken"),
    ("verb=ListRecords&resumptionToken=abc", "badResumptionToken"),
    ("verb=ListIdentifiers&resumptionToken=e30.AAAA", "badResumptionToken"),
    ("verb=ListRecords&metadataPrefix=marc21", "cannotDisseminateFormat"),
    ("verb=GetRecord&identifier={ID}&metadataPrefix=marc21", "cannotDisseminateFormat"),
    ("verb=GetRecord&identifier=oai:editio.example.org:no-such-document&metadataPrefix=oai_dc", "idDoesNotExist"),
    ("verb=GetRecord&identifier=https://editio.example.org/&metadataPrefix=oai_dc", "idDoesNotExist"),
    ("verb=ListMetadataFormats&identifier=oai:elsewhere.example.org:x", "idDoesNotExist"),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2199-01-01", "noRecordsMatch"),
    ("verb=ListIdentifiers&metadataPrefix=oai_dc&until=1900-01-01", "noRecordsMatch"),
    ("verb=ListIdentifiers&metadataPrefix=oai_dc&set=novels", "noRecordsMatch"),
]


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("query, code", ERRORS)
def test_each_error_is_a_valid_oai_response(app, expected, query, code, method):
    query = query.replace("{ID}", quote(expected[0]["identifier"], safe=":"))
    if method == "GET":
        tree = oai(app, query)
    else:
        tree = oai(app, method="POST", body=query.encode(), content_type="application/x-www-form-urlencoded")
    assert error_code(tree) == code
    assert tree.findtext(f"{OAI}error").strip()  # a message for people, too
    if code in ("badVerb", "badArgument"):
        assert request_attributes(tree) == {}  # §3.2: no arguments echoed for these two
    else:
        sent = dict(pair.split("=", 1) for pair in query.split("&"))
        assert request_attributes(tree) == {name: unquote_plus(value) for name, value in sent.items()}


def test_sets_and_formats_can_be_absent(generated_edition, tmp_path):
    """noSetHierarchy and noMetadataFormats, on a repository without sets and a record without formats."""
    def strip(catalogue):
        catalogue["sets"] = {}
        for record in catalogue["records"]:
            record["sets"] = []
        catalogue["records"][0]["files"] = {}

    folder = _variant(generated_edition, tmp_path, strip)
    app = create_app(folder, secret=SECRET)
    bare = read_catalogue(folder / "metadata")["records"][0]["id"]
    identifier = quote(f"oai:editio.example.org:{bare}", safe=":")
    cases = [("verb=ListSets", "noSetHierarchy"),
             ("verb=ListRecords&metadataPrefix=oai_dc&set=letters", "noSetHierarchy"),
             (f"verb=ListMetadataFormats&identifier={identifier}", "noMetadataFormats"),
             (f"verb=GetRecord&identifier={identifier}&metadataPrefix=oai_dc", "cannotDisseminateFormat")]
    for query, code in cases:
        assert error_code(oai(app, query)) == code, query


# --- resumption tokens: forged, tampered, expired, outdated ------------------------------------

def _first_token(app, verb="ListRecords") -> str:
    return oai(app, f"verb={verb}&metadataPrefix=oai_dc").find(f".//{OAI}resumptionToken").text


def _resume(app, token: str, verb="ListRecords"):
    return oai(app, urlencode({"verb": verb, "resumptionToken": token}))


def test_a_good_token_is_accepted(app):
    assert error_code(_resume(app, _first_token(app))) is None


def test_tampered_tokens_are_refused(app):
    token = _first_token(app)
    payload, signature = token.split(".")
    swapped = "A" if signature[-1] != "A" else "B"
    other_payload = _first_token(create_app(app.build_dir, secret=SECRET, page_size=2)).split(".")[0]
    for bad in (payload + "." + signature[:-1] + swapped, other_payload + "." + signature, payload,
                payload + "." + signature + "x", "." + signature, payload + "..", token.upper()):
        tree = _resume(app, bad)
        assert error_code(tree) == "badResumptionToken", bad
        assert request_attributes(tree) == {"verb": "ListRecords", "resumptionToken": bad}


def test_forged_tokens_are_refused(app):
    forger = create_app(app.build_dir, secret=b"another repository's secret")
    assert error_code(_resume(app, _first_token(forger))) == "badResumptionToken"


def test_expired_tokens_are_refused(app, clock):
    token = _first_token(app)
    clock.advance(seconds=LIFETIME.total_seconds() - 1)
    assert error_code(_resume(app, token)) is None
    clock.advance(seconds=1)
    assert error_code(_resume(app, token)) == "badResumptionToken"


def test_a_token_resumes_only_its_own_verb(app):
    assert error_code(_resume(app, _first_token(app, "ListIdentifiers"), "ListRecords")) == "badResumptionToken"


def test_signed_tokens_out_of_range_or_for_another_version_are_refused(app, clock):
    repository = app.endpoint.source()
    tokens = ResumptionTokens(SECRET, LIFETIME)
    past_the_end, _ = tokens.issue(Position(ListQuery("ListRecords", "oai_dc"), 10_000), repository.version, clock.now)
    outdated, _ = tokens.issue(Position(ListQuery("ListRecords", "oai_dc"), 5), "an older catalogue", clock.now)
    unknown_format, _ = tokens.issue(Position(ListQuery("ListRecords", "marc21"), 5), repository.version, clock.now)
    assert error_code(_resume(app, past_the_end)) == "badResumptionToken"
    assert error_code(_resume(app, outdated)) == "badResumptionToken"
    assert error_code(_resume(app, unknown_format)) == "cannotDisseminateFormat"


def test_a_rebuilt_catalogue_is_served_and_invalidates_old_tokens(generated_edition, tmp_path):
    folder = _variant(generated_edition, tmp_path, lambda catalogue: None)
    app = create_app(folder, secret=SECRET, reload_interval=0, page_size=5)
    token = _first_token(app)
    _edit_catalogue(folder, lambda catalogue: catalogue["records"][0].update(datestamp="2199-12-31"))
    assert error_code(_resume(app, token)) == "badResumptionToken"
    tree = oai(app, "verb=ListIdentifiers&metadataPrefix=oai_dc&from=2199-12-31")
    assert [h[1] for h in headers_of(tree)] == ["2199-12-31"]


# --- HTTP: POST, HEAD, methods, broken builds --------------------------------------------------

def test_post_answers_as_get(app, expected):
    query = urlencode({"verb": "GetRecord", "identifier": expected[3]["identifier"], "metadataPrefix": "mods"})
    got = call(app, query=query)
    for content_type in ("application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8"):
        posted = call(app, method="POST", body=query.encode(), content_type=content_type)
        assert posted.body == got.body
    assert_oai(got)


def test_post_reads_only_a_form_body(app):
    cases = [dict(body=b"verb=Identify", content_type="text/plain"),
             dict(body=b"verb=Identify&x=" + b"a" * 70_000, content_type="application/x-www-form-urlencoded"),
             dict(body=b"", query="verb=Identify", content_type="application/x-www-form-urlencoded")]
    codes = [error_code(oai(app, method="POST", **case)) for case in cases]
    assert codes == ["badArgument", "badArgument", "badVerb"]


def test_head_and_other_methods(app):
    head = call(app, query="verb=Identify", method="HEAD")
    assert head.status == 200 and head.body == b"" and int(head.headers["Content-Length"]) > 100
    for method in ("PUT", "DELETE", "PATCH", "OPTIONS"):
        reply = call(app, query="verb=Identify", method=method)
        assert reply.status == 405 and reply.headers["Allow"] == "GET, HEAD, POST"


def test_every_worker_gets_the_same_token_key(tmp_path, monkeypatch):
    """Workers of one server start together: racing for the key file, they must all end with one key."""
    monkeypatch.delenv("EDITIO_OAI_SECRET", raising=False)
    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: load_secret(tmp_path), range(32)))
    assert len(keys) == 1 and len(keys.pop()) >= 32
    assert (tmp_path / ".oai-secret").stat().st_mode & 0o077 == 0
    assert [path.name for path in tmp_path.iterdir()] == [".oai-secret"]  # no scratch file left behind
    monkeypatch.setenv("EDITIO_OAI_SECRET", "from-the-environment")
    assert load_secret(tmp_path) == b"from-the-environment"


def test_a_missing_record_file_is_a_503_not_a_500(generated_edition, tmp_path, expected):
    folder = _variant(generated_edition, tmp_path, lambda catalogue: None)
    app = create_app(folder, secret=SECRET)
    (folder / "metadata" / expected[0]["files"]["oai_dc"]).unlink()
    query = urlencode({"verb": "GetRecord", "identifier": expected[0]["identifier"], "metadataPrefix": "oai_dc"})
    reply = call(app, query=query)
    assert reply.status == 503 and b"Traceback" not in reply.body and reply.headers["Retry-After"]


def test_no_catalogue_is_a_one_line_error(tmp_path):
    from editio.errors import EditioError
    with pytest.raises(EditioError, match="run 'editio build' first"):
        create_app(tmp_path, secret=SECRET)


def _variant(generated_edition, tmp_path, edit):
    """A copy of the generated build whose catalogue ``edit`` changed."""
    folder = tmp_path / "build"
    shutil.copytree(generated_edition / "metadata", folder / "metadata")
    _edit_catalogue(folder, edit)
    return folder


def _edit_catalogue(folder, edit) -> None:
    path = folder / "metadata" / "catalogue.json"
    catalogue = json.loads(path.read_text(encoding="utf-8"))
    edit(catalogue)
    path.write_text(json.dumps(catalogue), encoding="utf-8")


# --- the catalogue contract and the record cache -----------------------------------------------

def _break(catalogue: dict, how: str) -> None:
    record = catalogue["records"][0]
    {"records not a list": lambda: catalogue.update(records={}),
     "a bad datestamp": lambda: record.update(datestamp="2020-02-30"),
     "a datestamp with seconds": lambda: record.update(datestamp="2020-02-03T10:00:00Z"),
     "an undeclared set": lambda: record.update(sets=["novels"]),
     "an unknown format": lambda: record["files"].update(marc21=record["files"]["oai_dc"]),
     "a path leaving the folder": lambda: record["files"].update(oai_dc="../catalogue.json"),
     "an absolute path": lambda: record["files"].update(oai_dc="/etc/hostname"),
     "a missing file": lambda: record["files"].update(oai_dc="nowhere/oai_dc.xml"),
     "a repeated id": lambda: catalogue["records"].append(dict(record)),
     "an id that is no URI": lambda: record.update(id="two words"),
     "a bad metadataPrefix": lambda: catalogue["formats"].update({"oai dc": catalogue["formats"]["oai_dc"]}),
     "a bad admin e-mail": lambda: catalogue["repository"].update(admin_email="nobody"),
     "no repository": lambda: catalogue.pop("repository")}[how]()


@pytest.mark.parametrize("how", ["records not a list", "a bad datestamp", "a datestamp with seconds",
                                 "an undeclared set", "an unknown format", "a path leaving the folder",
                                 "an absolute path", "a missing file", "a repeated id", "an id that is no URI",
                                 "a bad metadataPrefix", "a bad admin e-mail", "no repository"])
def test_a_catalogue_that_breaks_the_contract_is_refused_at_start(generated_edition, tmp_path, how):
    from editio.errors import EditioError
    folder = _variant(generated_edition, tmp_path, lambda catalogue: _break(catalogue, how))
    with pytest.raises(EditioError) as refused:
        create_app(folder, secret=SECRET)
    assert "catalogue.json" in str(refused.value) and "\n" not in str(refused.value)


def test_the_record_cache_keeps_to_its_budget():
    from editio.oai.cache import ByteBudgetCache
    cache = ByteBudgetCache(budget=1000)
    loads = []
    for key in range(50):
        assert cache.get(key, lambda key=key: loads.append(key) or bytes(100)) == bytes(100)
    assert cache.size <= 1000 and len(cache) == 10 and len(loads) == 50
    cache.get(49, lambda: loads.append("again") or b"")  # recent: still cached, not loaded again
    cache.get(0, lambda: loads.append("again") or bytes(100))  # evicted long ago: loaded again
    assert loads[50:] == ["again"]
    assert cache.get("big", lambda: bytes(5000)) == bytes(5000)  # larger than the budget: passed through
    assert len(cache) == 10 and cache.size <= 1000
