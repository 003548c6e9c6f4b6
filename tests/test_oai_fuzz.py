"""Bad input: random verbs, arguments, encodings, over-long values and junk tokens, over GET and POST.

Every answer at ``/oai`` must be a well-formed OAI-PMH response valid against the schemas; every
other path gets a clean answer (no 5xx, no traceback); and the live server keeps answering.
"""

from __future__ import annotations

import http.client
from urllib.parse import quote, quote_from_bytes, urlencode, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editio.oai.protocol import SYNTAX, VERBS
from editio.server import create_app

pytest.register_assert_rewrite("oai_support")  # imported here before pytest loads it as a plugin
from oai_support import OAI, SECRET, Reply, assert_oai, call, error_code, request_attributes  # noqa: E402

pytest_plugins = ["oai_support"]  # its fixtures: real_build, generated_edition, catalogue, expected, live_server


# A few hundred examples, no per-example deadline (a 2-core machine under load is slow at times).
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LIVE = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ARGUMENTS = ["verb", "identifier", "metadataPrefix", "from", "until", "set", "resumptionToken"]


@pytest.fixture(scope="module")
def app(generated_edition):
    return create_app(generated_edition, secret=SECRET)


@pytest.fixture(scope="module")
def good_values(app) -> dict[str, list[str]]:
    """Legal values by argument, so that random requests also reach the deep code paths."""
    items = app.endpoint.source().select("oai_dc", None, None, None)
    token = call(app, query="verb=ListRecords&metadataPrefix=oai_dc").tree().findtext(f".//{OAI}resumptionToken")
    middle = items[len(items) // 2].datestamp
    return {"identifier": [items[0].identifier, items[-1].identifier, "oai:editio.example.org:missing"],
            "metadataPrefix": ["oai_dc", "mods", "tei", "marc21"], "set": ["letters", "texts", "novels"],
            "from": [items[0].datestamp, middle, "2001-01-01T00:00:00Z"],
            "until": [items[-1].datestamp, middle, "1900-01-01"], "resumptionToken": [token, "junk"]}


def text_values():
    """Values to encode: plausible, random Unicode, over-long, junk tokens."""
    return st.one_of(
        st.sampled_from(["", "oai_dc", "Identify", "ListRecords", "2020-02-30", "1999-12-31", "oai:x:y",
                         "a.b", "e30.AAAA", "..", "%", "&", "=", "+", "<>&\"'", "\u00e9", "\ufffd"]),
        st.text(max_size=40),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
        st.integers(500, 20_000).map(lambda n: "x" * n),
        st.binary(min_size=1, max_size=60).map(lambda b: b.decode("latin-1")),
    )


@st.composite
def raw_requests(draw, good: dict[str, list[str]]):
    """Urlencoded request bytes: mostly a legal request with a few mutations, else chaos."""
    if draw(st.sampled_from(["near-legal", "near-legal", "chaos"])) == "near-legal":
        verb = draw(st.sampled_from(list(VERBS)))
        table = VERBS[verb]
        pairs = [("verb", verb)] + [(name, draw(st.sampled_from(good[name]))) for name in sorted(table.required)]
        pairs += [(name, draw(st.sampled_from(good[name]))) for name in sorted(table.optional) if draw(st.booleans())]
        for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):  # mutations: a junk value, an extra or a lost argument
            where = draw(st.integers(0, len(pairs)))
            name = draw(st.sampled_from(ARGUMENTS))
            pairs.insert(where, (name, draw(st.one_of(st.sampled_from(good[name] if name in good else [""]),
                                                      text_values()))))
            if draw(st.booleans()) and len(pairs) > 1:
                pairs.pop(draw(st.integers(0, len(pairs) - 1)))
        encodings = st.sampled_from(["percent"] * 30 + ["plus", "raw-utf8", "bad-utf8"])
    else:
        values = st.one_of(st.sampled_from(sum(good.values(), [])), text_values())
        names = st.one_of(st.sampled_from(ARGUMENTS), st.text(max_size=12))
        pairs = draw(st.lists(st.tuples(names, values), max_size=6))
        encodings = st.sampled_from(["percent", "plus", "raw-utf8", "raw-latin1", "bad-utf8", "no-equals"])
    fields = [_encode(name, value, draw(encodings), draw(st.binary(min_size=1, max_size=4)))
              for name, value in pairs]
    return draw(st.sampled_from([b"&"] * 20 + [b"&&", b"&amp;", b";"])).join(fields)


def _encode(name: str, value: str, how: str, junk: bytes) -> bytes:
    def pct(text: str) -> bytes:
        return quote(text, safe="").encode("ascii")
    return {
        "percent": lambda: pct(name) + b"=" + pct(value),
        "plus": lambda: pct(name) + b"=" + quote(value, safe=" ").replace(" ", "+").encode("ascii"),
        "raw-utf8": lambda: name.encode("utf-8", "replace") + b"=" + value.encode("utf-8", "replace"),
        "raw-latin1": lambda: name.encode("latin-1", "replace") + b"=" + value.encode("latin-1", "replace"),
        "bad-utf8": lambda: pct(name) + b"=" + pct(value) + quote_from_bytes(b"\xc3" + junk).encode("ascii"),
        "no-equals": lambda: pct(name),
    }[how]()


def check_oai(reply) -> None:
    tree = assert_oai(reply)
    if error_code(tree) in ("badVerb", "badArgument"):
        assert request_attributes(tree) == {}


@pytest.mark.slow
@FUZZ
@given(identifier=st.from_regex(SYNTAX["identifier"], fullmatch=True),
       prefix=st.from_regex(SYNTAX["metadataPrefix"], fullmatch=True),
       set_spec=st.from_regex(SYNTAX["set"], fullmatch=True))
def test_every_value_the_protocol_accepts_can_be_echoed(app, identifier, prefix, set_spec):
    """Legal-looking values pass the argument table, so they are echoed in <request>: still valid."""
    for arguments in ({"verb": "GetRecord", "identifier": identifier, "metadataPrefix": prefix},
                      {"verb": "ListIdentifiers", "metadataPrefix": prefix, "set": set_spec}):
        tree = assert_oai(call(app, query=urlencode(arguments)))
        if error_code(tree) not in ("badVerb", "badArgument"):
            assert request_attributes(tree) == arguments


@pytest.mark.slow
@FUZZ
@given(data=st.data(), method=st.sampled_from(["GET", "POST", "HEAD"]),
       content_type=st.sampled_from(["application/x-www-form-urlencoded",
                                     "application/x-www-form-urlencoded; charset=utf-8", None]))
def test_fuzzed_get_and_post_requests_get_valid_oai_responses(app, good_values, data, method, content_type):
    raw = data.draw(raw_requests(good_values))
    if method == "POST":
        reply = call(app, method="POST", body=raw, content_type=content_type)
    else:
        reply = call(app, method=method, query=raw.decode("latin-1"))
    if method == "HEAD":
        assert reply.status == 200 and reply.body == b""
    else:
        check_oai(reply)


@FUZZ
@given(path=st.one_of(st.text(max_size=30).map(lambda t: "/" + t),
                      st.binary(max_size=30).map(lambda b: "/" + b.decode("latin-1")),
                      st.sampled_from(["/oai/", "/OAI", "/metadata", "/metadata/..", "//oai", "/oai%2f"])),
       method=st.sampled_from(["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "BREW"]))
def test_fuzzed_paths_and_methods_get_clean_answers(app, path, method):
    reply = call(app, path=path, method=method, body=b"verb=Identify")
    if path != "/oai":
        assert reply.status in (200, 301, 304, 400, 403, 404, 405), (path, reply.status)
        assert b"Traceback" not in reply.body


@pytest.mark.load
@LIVE
@given(data=st.data(), post=st.booleans())
def test_fuzzed_requests_to_the_live_server(live_server, good_values, data, post):
    """A bounded number of fuzzed requests over real HTTP: each gets a valid OAI-PMH answer."""
    raw = data.draw(raw_requests(good_values))
    host, port = urlsplit(live_server.url).hostname, urlsplit(live_server.url).port
    connection = http.client.HTTPConnection(host, port, timeout=15)
    try:
        if post:
            connection.request("POST", "/oai", body=raw, headers={"Content-Type": "application/x-www-form-urlencoded"})
        else:  # bytes outside printable ASCII cannot travel raw in a request line: percent-encode those
            connection.request("GET", "/oai?" + quote_from_bytes(raw, safe="&=%+;:/?@!$'()*,-._~"))
        response = connection.getresponse()
        check_oai(Reply(response.status, dict(response.getheaders()), response.read()))
    finally:
        connection.close()


@pytest.mark.load
def test_the_live_server_survives_the_fuzzing(live_server):
    assert live_server.alive
    host, port = urlsplit(live_server.url).hostname, urlsplit(live_server.url).port
    connection = http.client.HTTPConnection(host, port, timeout=15)
    try:
        connection.request("GET", "/oai?verb=Identify")
        assert connection.getresponse().status == 200
    finally:
        connection.close()
