"""Distributed Text Services (DTS 1.0): the edition's texts for TEI Publisher, text-reuse tools and
other DTS clients, served by ``editio serve`` under ``/dts/``.

The entry point names three endpoints (URI templates, absolute, on the public URL):

- collection: the edition (a Collection) holds a collection per kind of text (letters, other texts,
  as the OAI-PMH sets divide them), whose members are the texts (Resources);
- navigation: the citable units of a text, its numbered paragraphs ("1", "2", … as the web edition
  numbers them: paragraphs of the running text, not those inside notes, quotations, lists, …);
- document: a text as TEI, or one paragraph or a range of them inside ``<dts:wrapper>``.

The texts are the TEI sources the build publishes in the site (``build/html/tei/``), read again when
a build replaces them. Errors are answered with the status the specification gives (400, 404).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl

from lxml import etree

from .documents import safe_parser
from .folder_snapshot import FolderSnapshot
from .public_url import PublicUrl
from .wsgi import StartResponse, method_not_allowed, plain

DTS_PATH = "/dts"
CONTEXT = "https://dtsapi.org/context/v1.0.json"
VERSION = "1.0"
TEI_NS = "http://www.tei-c.org/ns/1.0"
DTS_NS = "https://w3id.org/dts/api#"
TEI_TYPE = "application/tei+xml"
JSON_TYPE = "application/ld+json"
CITE_TYPE = "paragraph"
KINDS = {"letters": "Letters", "texts": "Texts"}
# Paragraphs inside these belong to something else and get no number (xslt/common.xsl, ed:is-numbered).
_UNNUMBERED_INSIDE = ("note", "quote", "q", "cit", "list", "table", "figure", "sp", "floatingText", "said",
                      "titlePage")
_T = f"{{{TEI_NS}}}"


class DtsError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Text:
    """One text of the edition: its id, title, source bytes, tree and numbered paragraphs."""

    id: str
    title: str
    kind: str
    source: bytes
    tree: etree._Element
    paragraphs: list[etree._Element]

    def unit(self, identifier: str | None) -> int | None:
        """The index of paragraph ``identifier`` ("1" is the first), or None when not asked."""
        if identifier is None:
            return None
        if not identifier.isdigit() or not 1 <= int(identifier) <= len(self.paragraphs):
            raise DtsError(404, f"{self.id} has no citable unit {identifier!r} (paragraphs 1 to {len(self.paragraphs)})")
        return int(identifier) - 1


def read_text(path: Path) -> Text | None:
    source = path.read_bytes()
    root = etree.fromstring(source, safe_parser())
    body = root.find(f"{_T}text")
    if root.tag != f"{_T}TEI" or body is None:
        return None  # a register: no text to cite
    outside = "|".join(f"ancestor::tei:{name}" for name in _UNNUMBERED_INSIDE)
    paragraphs = body.xpath(f".//tei:p[not({outside})]", namespaces={"tei": TEI_NS})
    titles = root.xpath("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", namespaces={"tei": TEI_NS})
    main = next((t for t in titles if t.get("type") == "main"), titles[0] if titles else None)
    title = " ".join("".join(main.itertext()).split()) if main is not None else path.stem
    identifier = root.get("{http://www.w3.org/XML/1998/namespace}id") or path.stem
    # As xslt/metadata-common.xsl (ed:kind) tells a letter.
    letter = root.get("type") == "letter" or root.find(f"{_T}teiHeader/{_T}profileDesc/{_T}correspDesc") is not None
    return Text(identifier, title, "letters" if letter else "texts", source, root, paragraphs)


class TextLibrary:
    """The texts under a folder, read again (at most once per ``interval``) when a build replaces them."""

    def __init__(self, folder: Path, interval: float = 1.0) -> None:
        self.folder = Path(folder)
        self._snapshot = FolderSnapshot(self.folder, self._read, {}, interval)

    def texts(self) -> dict[str, Text]:
        return self._snapshot.get()

    def _read(self) -> dict[str, Text]:
        texts = {}
        for path in sorted(self.folder.rglob("*.xml")):
            try:
                text = read_text(path)
            except (OSError, etree.XMLSyntaxError):
                continue
            if text is not None:
                texts[text.id] = text
        return texts


class DtsApi:
    """The WSGI part that answers ``/dts/…``."""

    def __init__(self, library: TextLibrary, public_url: PublicUrl, title: str, collection_id: str) -> None:
        self.library = library
        self.public_url = public_url
        self.title = title
        self.collection_id = collection_id

    def __call__(self, environ: dict, start_response: StartResponse, path: str):
        if environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
            return method_not_allowed(start_response, ("GET", "HEAD"))
        head = environ.get("REQUEST_METHOD") == "HEAD"
        endpoint = path.strip("/")
        handler = {"": self.entry, "collection": self.collection, "navigation": self.navigation,
                   "document": self.document}.get(endpoint)
        if handler is None:
            return plain(start_response, 404, head=head)
        try:
            arguments = dict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=False))
        except ValueError:
            return plain(start_response, 400, "the query is not readable", head=head)
        urls = _Urls(self.public_url, environ)
        try:
            body, media_type = handler(arguments, urls)
        except DtsError as problem:
            return plain(start_response, problem.status, str(problem), head=head)
        start_response("200 OK", [("Content-Type", media_type), ("Content-Length", str(len(body))),
                                  ("Access-Control-Allow-Origin", "*")])
        return [] if head else [body]

    # The endpoints

    def entry(self, arguments: dict, urls: "_Urls"):
        return _json({"@context": CONTEXT, "dtsVersion": VERSION, "@id": urls.endpoint(""), "@type": "EntryPoint",
                      "collection": urls.endpoint("collection") + "{?id,page,nav}",
                      "navigation": urls.endpoint("navigation") + "{?resource,ref,start,end,down,tree,page}",
                      "document": urls.endpoint("document") + "{?resource,ref,start,end,tree,mediaType}"})

    def collection(self, arguments: dict, urls: "_Urls"):
        texts = self.library.texts()
        kinds = {kind: [t for t in texts.values() if t.kind == kind] for kind in KINDS}
        kinds = {kind: members for kind, members in kinds.items() if members}
        identifier = arguments.get("id", self.collection_id)
        nav = arguments.get("nav", "children")
        if nav not in ("children", "parents"):
            raise DtsError(400, "nav must be children or parents")
        head = {"@context": CONTEXT, "dtsVersion": VERSION}
        if identifier == self.collection_id:
            members = [] if nav == "parents" else [self._kind(kind, len(m), urls) for kind, m in kinds.items()]
            return _json({**head, **self._root(urls, len(kinds)), "member": members})
        if identifier in kinds:
            members = [self._root(urls, len(kinds))] if nav == "parents" else \
                [self._resource(text, urls) for text in kinds[identifier]]
            return _json({**head, **self._kind(identifier, len(kinds[identifier]), urls), "member": members})
        text = self._text(identifier)
        members = [self._kind(text.kind, len(kinds[text.kind]), urls)] if nav == "parents" else []
        return _json({**head, **self._resource(text, urls), "member": members})

    def navigation(self, arguments: dict, urls: "_Urls"):
        text = self._text(arguments.get("resource"))
        ref, start, end = (text.unit(arguments.get(name)) for name in ("ref", "start", "end"))
        down = arguments.get("down")
        if down is not None and not (down.lstrip("-").isdigit() and int(down) >= -1):
            raise DtsError(400, "down must be -1, 0 or a positive number")
        depth = int(down) if down is not None else None
        if ref is not None and (start is not None or end is not None):
            raise DtsError(400, "ref cannot be combined with start and end")
        if (start is None) != (end is None):
            raise DtsError(400, "start and end go together")
        if start is not None and start > end:
            raise DtsError(400, "start comes after end")
        if ref is None and start is None and depth in (None, 0):
            raise DtsError(400, "without ref, start and end, down must be given (1 or -1 for all paragraphs)")
        answer = {"@context": CONTEXT, "dtsVersion": VERSION, "@type": "Navigation", "@id": urls.request(),
                  "resource": self._resource(text, urls)}
        if ref is not None:
            answer["ref"] = _unit(ref)
            # A paragraph has no parts: its subtree (down=-1) is itself, its children none.
            answer["member"] = [_unit(ref)] if depth == -1 else [] if depth else None
        elif start is not None:
            answer["start"], answer["end"] = _unit(start), _unit(end)
            answer["member"] = [_unit(index) for index in range(start, end + 1)]
        else:
            answer["member"] = [_unit(index) for index in range(len(text.paragraphs))]
        if answer.get("member") is None:
            answer.pop("member", None)
        return _json(answer)

    def document(self, arguments: dict, urls: "_Urls"):
        text = self._text(arguments.get("resource"))
        if arguments.get("mediaType", TEI_TYPE) != TEI_TYPE:
            raise DtsError(404, f"{text.id} is available as {TEI_TYPE} only")
        ref, start, end = (text.unit(arguments.get(name)) for name in ("ref", "start", "end"))
        if ref is not None and (start is not None or end is not None):
            raise DtsError(400, "ref cannot be combined with start and end")
        if (start is None) != (end is None):
            raise DtsError(400, "start and end go together")
        if ref is None and start is None:
            return text.source, TEI_TYPE
        first, last = (ref, ref) if ref is not None else (start, end)
        if first > last:
            raise DtsError(400, "start comes after end")
        root = etree.Element(f"{_T}TEI", nsmap={None: TEI_NS, "dts": DTS_NS})
        wrapper = etree.SubElement(root, f"{{{DTS_NS}}}wrapper")
        for paragraph in text.paragraphs[first:last + 1]:
            fragment = copy.deepcopy(paragraph)
            fragment.tail = None
            wrapper.append(fragment)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8"), TEI_TYPE

    # Parts of answers

    def _text(self, identifier: str | None) -> Text:
        if not identifier:
            raise DtsError(400, "the resource parameter is required")
        text = self.library.texts().get(identifier)
        if text is None:
            raise DtsError(404, f"no resource {identifier!r} in this edition")
        return text

    def _root(self, urls: "_Urls", count: int) -> dict:
        return {"@id": self.collection_id, "@type": "Collection", "title": self.title, "totalParents": 0,
                "totalChildren": count, "collection": urls.endpoint("collection") + "{?id,page,nav}"}

    def _kind(self, kind: str, count: int, urls: "_Urls") -> dict:
        return {"@id": kind, "@type": "Collection", "title": KINDS[kind], "totalParents": 1, "totalChildren": count,
                "collection": urls.endpoint("collection") + f"?id={kind}" + "{&page,nav}"}

    def _resource(self, text: Text, urls: "_Urls") -> dict:
        query = f"?resource={_quoted(text.id)}"
        return {"@id": text.id, "@type": "Resource", "title": text.title, "totalParents": 1, "totalChildren": 0,
                "collection": urls.endpoint("collection") + f"?id={_quoted(text.id)}" + "{&nav}",
                "navigation": urls.endpoint("navigation") + query + "{&ref,down,start,end,tree,page}",
                "document": urls.endpoint("document") + query + "{&ref,start,end,tree,mediaType}",
                "mediaTypes": [TEI_TYPE],
                "citationTrees": [{"@type": "CitationTree", "citeStructure": [
                    {"@type": "CiteStructure", "citeType": CITE_TYPE}]}]}


class _Urls:
    def __init__(self, public_url: PublicUrl, environ: dict) -> None:
        self.public_url, self.environ = public_url, environ

    def endpoint(self, name: str) -> str:
        return self.public_url.endpoint(self.environ, f"{DTS_PATH}/{name}")

    def request(self) -> str:
        query = self.environ.get("QUERY_STRING", "")
        path = self.environ.get("PATH_INFO", "")
        return self.public_url.endpoint(self.environ, path) + (f"?{query}" if query else "")


def _unit(index: int) -> dict:
    return {"identifier": str(index + 1), "@type": "CitableUnit", "level": 1, "parent": None, "citeType": CITE_TYPE}


def _quoted(value: str) -> str:
    from urllib.parse import quote
    return quote(value, safe="")


def _json(value: dict) -> tuple[bytes, str]:
    return json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8"), JSON_TYPE
