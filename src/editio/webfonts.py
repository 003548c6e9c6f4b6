"""The web edition's text face: EB Garamond, roman and italic, as WOFF2 subsets made at build time.

The faces come from the ``fontpkg-eb-garamond`` package (the one the print edition embeds). Each
variable font is pinned to its regular weight (fontTools' instancer) and subset by fontTools to the
characters the edition can show:
the text of its sources, the labels of the stylesheets and the typographic punctuation of our
prose. Only the layout features running text uses are kept (kerning, ligatures, old-style and
lining figures, marks): small capitals alone would add a third to each file. Two faces of about
20 KB each, instead of 2 × 700 KB of variable font.

Subsetting and instancing take fontTools about 1.5 s for the two faces, the largest part of a cold
build of a small edition, and the result depends only on the font file, the code points, this module
and the versions of fontTools and Brotli (WOFF2's compressor). So each subset is kept in the per-user
cache (``user_cache.py``) under a digest of exactly those: the same bytes as made afresh, never stale.
"""

from __future__ import annotations

import hashlib
import io
from functools import cache
from pathlib import Path
from typing import Iterable

import fontpkg_eb_garamond

from . import user_cache
from .memory import Recent

FONT_DIR = fontpkg_eb_garamond.ROOT / "files"
FAMILY = fontpkg_eb_garamond.FAMILY
# file name in the site → the package's variable font
FACES = {"eb-garamond-roman.woff2": "EBGaramond[wght].ttf",
         "eb-garamond-italic.woff2": "EBGaramond-Italic[wght].ttf"}
WEIGHT = 400
CACHE_KIND = "webfonts"
FEATURES = ["kern", "liga", "onum", "lnum", "pnum", "ccmp", "locl", "mark", "mkmk"]
# Printable ASCII and the punctuation our own prose and the stylesheets' labels use.
ALWAYS = frozenset(range(0x20, 0x7F)) | frozenset(map(ord, "‘’“”–—…¶§·×°†‡•→←↑↓↩ … ")) | {0xA0}


def characters_of_documents(documents: Iterable, extra: str = "") -> frozenset[int]:
    """The code points of the text of TEI documents (``documents.Document``: elements and attributes),
    with ``extra`` and ALWAYS; each source read once per process for the same bytes, one at a time (a
    corpus's trees are parsed again as they are asked for, never all held at once): a rebuild
    (``editio serve --watch``) parses again only the sources that changed."""
    seen: set[str] = set(extra)
    for document in documents:
        seen |= _characters_of_source(hashlib.sha256(document.source).digest(), document)
    return ALWAYS | frozenset(ord(c) for c in seen if ord(c) >= 0x20)


def _characters_of(root) -> set[str]:
    seen: set[str] = set()
    for node in root.iter():
        seen.update(node.text or "", node.tail or "")
        for value in node.attrib.values():
            seen.update(value)
    return seen


_kept_characters = Recent(4096)  # the last sources' characters (a few hundred characters each)


def _characters_of_source(digest: bytes, document) -> frozenset[str]:
    found = _kept_characters.get(digest)
    if found is None:
        found = frozenset(_characters_of(document.root))
        _kept_characters.put(digest, found)
    return found


def render_faces(code_points: frozenset[int]) -> dict[str, bytes]:
    """Each face of FACES, subset to ``code_points``, as WOFF2 bytes (same input, same bytes)."""
    return {name: _subset(FONT_DIR / source, tuple(sorted(code_points))) for name, source in FACES.items()}


@cache
def _subset(path: Path, code_points: tuple[int, ...]) -> bytes:
    entry = _entry(path, code_points)
    kept = user_cache.read(CACHE_KIND, entry)
    if kept is not None:
        return kept
    made = _make_subset(path, code_points)
    user_cache.write(CACHE_KIND, entry, made)
    return made


def _entry(path: Path, code_points: tuple[int, ...]) -> str:
    """The cache entry of a subset: a digest of everything its bytes depend on."""
    import brotli
    import fontTools

    recipe = Path(__file__).read_bytes()  # the options, features and weight above
    points = ",".join(map(str, code_points))
    return user_cache.key(user_cache.file_digest(path), points, recipe, fontTools.version, brotli.__version__) + ".woff2"


def _make_subset(path: Path, code_points: tuple[int, ...]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from fontTools.varLib.instancer import instantiateVariableFont

    # subset first, then pin the weight: the instancer then works on a few hundred glyphs, not thousands
    font = TTFont(path, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = FEATURES
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=code_points)
    subsetter.subset(font)
    font = instantiateVariableFont(font, {"wght": WEIGHT})
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
