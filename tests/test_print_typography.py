"""What a book designer fixed on the printed pages (the book reuses the web edition's templates for its
appendices, so each fix is tested where it is made, on a fragment)."""

from __future__ import annotations

from xslt_support import HEADER, render

WITNESS_MODE = "{urn:editio:web}witness"
SOURCES = "/ed:edition/ed:document[1]/tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl"


def _witness(bibl: str) -> str:
    header = HEADER.replace("<sourceDesc><bibl>Made for a test</bibl></sourceDesc>", f"<sourceDesc>{bibl}</sourceDesc>")
    return render("html.xsl", "<p>x</p>", mode=WITNESS_MODE, select_path=SOURCES, header=header).text


def test_a_witness_with_only_its_name_and_an_address_has_no_stray_comma():
    # the heading gives the name, so the detail line holds the address alone ("Kropotkine aux ouvriers occidentaux")
    output = _witness('<bibl xml:id="w"><title level="a">Aux ouvriers</title><ptr target="https://example.org/a"/></bibl>')
    detail = output[output.index('class="witness-detail"'):]
    assert detail.startswith('class="witness-detail"><a ') and ">, " not in detail[:40], detail[:120]


def test_a_witness_with_details_separates_its_address_by_a_comma():
    output = _witness('<bibl xml:id="w"><title level="m">Pamphlets</title><pubPlace>Paris</pubPlace>'
                      '<ptr target="https://example.org/a"/></bibl>')
    assert "Paris</span>, <a " in output
