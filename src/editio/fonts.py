"""Static instances of a variable font, made by HarfBuzz in milliseconds.

WeasyPrint embeds a variable font by instancing it with fontTools at every PDF it writes: about
0.3 s per face and weight used. Instancing once, before any PDF, with HarfBuzz's subsetter (which
pins an axis in C; HarfBuzz ≥ 6.0, the library WeasyPrint already loads) gives WeasyPrint static
faces to subset, which it does in milliseconds. The outlines and advances are those fontTools'
instancer gives (checked on EB Garamond: identical). Where the machine's HarfBuzz cannot pin an
axis, ``instantiate`` returns None and the caller keeps the variable font.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache
from pathlib import Path

# hb_subset_sets_t: which sets of the subset input to fill so that nothing but the axis changes.
_GLYPHS, _UNICODES, _DROP_TABLES, _NAME_IDS, _NAME_LANGUAGES, _LAYOUT_FEATURES = 0, 1, 3, 4, 5, 6
# hb_subset_flags_t: keep what a font file needs on its own (glyph names, legacy names, .notdef,
# tables the subsetter does not know).
_FLAGS = 0x10 | 0x20 | 0x40 | 0x80
_MAX_FEATURES = 256


def _tag(name: str) -> int:
    return int.from_bytes(name.encode("ascii"), "big")


@cache
def _harfbuzz():
    """The HarfBuzz and HarfBuzz-subset libraries with the signatures used here, or None."""
    names = ctypes.util.find_library("harfbuzz"), ctypes.util.find_library("harfbuzz-subset")
    if not all(names):
        return None
    hb, subset = (ctypes.CDLL(name) for name in names)
    if not hasattr(subset, "hb_subset_input_pin_axis_location"):
        return None
    pointer, uint = ctypes.c_void_p, ctypes.c_uint
    signatures = {
        (hb, "hb_blob_create_from_file"): ([ctypes.c_char_p], pointer),
        (hb, "hb_face_create"): ([pointer, uint], pointer),
        (hb, "hb_face_get_glyph_count"): ([pointer], uint),
        (hb, "hb_face_reference_blob"): ([pointer], pointer),
        (hb, "hb_blob_get_data"): ([pointer, ctypes.POINTER(uint)], ctypes.POINTER(ctypes.c_char)),
        (hb, "hb_set_add"): ([pointer, uint], None),
        (hb, "hb_set_add_range"): ([pointer, uint, uint], None),
        (hb, "hb_set_clear"): ([pointer], None),
        (hb, "hb_ot_layout_table_get_feature_tags"):
            ([pointer, uint, uint, ctypes.POINTER(uint), ctypes.POINTER(uint)], uint),
        (hb, "hb_face_destroy"): ([pointer], None),
        (hb, "hb_blob_destroy"): ([pointer], None),
        (subset, "hb_subset_input_create_or_fail"): ([], pointer),
        (subset, "hb_subset_input_set"): ([pointer, ctypes.c_int], pointer),
        (subset, "hb_subset_input_set_flags"): ([pointer, uint], None),
        (subset, "hb_subset_input_pin_axis_location"): ([pointer, pointer, ctypes.c_uint32, ctypes.c_float], ctypes.c_int),
        (subset, "hb_subset_input_destroy"): ([pointer], None),
        (subset, "hb_subset_or_fail"): ([pointer, pointer], pointer),
    }
    for (library, name), (arguments, result) in signatures.items():
        function = getattr(library, name)
        function.argtypes, function.restype = arguments, result
    return hb, subset


def _feature_tags(hb, face, table: int) -> list[int]:
    """The tags of every feature of a layout table (a page of at most _MAX_FEATURES at a time)."""
    tags: list[int] = []
    while True:
        count, page = ctypes.c_uint(_MAX_FEATURES), (ctypes.c_uint * _MAX_FEATURES)()
        hb.hb_ot_layout_table_get_feature_tags(face, table, len(tags), ctypes.byref(count), page)
        tags.extend(page[:count.value])
        if count.value < _MAX_FEATURES:
            return tags


def instantiate(path: Path, axes: dict[str, float]) -> bytes | None:
    """The font at ``path`` with each axis in ``axes`` (e.g. ``{"wght": 600}``) pinned: a static font.

    Every glyph, character, name, layout feature and table is kept; None if HarfBuzz cannot do it.
    """
    libraries = _harfbuzz()
    if libraries is None:
        return None
    hb, subset = libraries
    blob = hb.hb_blob_create_from_file(str(path).encode())
    face = hb.hb_face_create(blob, 0)
    plan = subset.hb_subset_input_create_or_fail()
    result = None
    try:
        if not plan or hb.hb_face_get_glyph_count(face) == 0:
            return None
        hb.hb_set_add_range(subset.hb_subset_input_set(plan, _GLYPHS), 0, hb.hb_face_get_glyph_count(face) - 1)
        hb.hb_set_add_range(subset.hb_subset_input_set(plan, _UNICODES), 0, 0x10FFFF)
        hb.hb_set_clear(subset.hb_subset_input_set(plan, _DROP_TABLES))
        hb.hb_set_add_range(subset.hb_subset_input_set(plan, _NAME_IDS), 0, 0x7FFF)
        hb.hb_set_add_range(subset.hb_subset_input_set(plan, _NAME_LANGUAGES), 0, 0xFFFF)
        features = subset.hb_subset_input_set(plan, _LAYOUT_FEATURES)
        for table in ("GSUB", "GPOS"):
            for tag in _feature_tags(hb, face, _tag(table)):
                hb.hb_set_add(features, tag)
        subset.hb_subset_input_set_flags(plan, _FLAGS)
        for axis, value in axes.items():
            if not subset.hb_subset_input_pin_axis_location(plan, face, _tag(axis), value):
                return None
        result = subset.hb_subset_or_fail(face, plan)
        if not result:
            return None
        data = hb.hb_face_reference_blob(result)
        length = ctypes.c_uint()
        content = hb.hb_blob_get_data(data, ctypes.byref(length))
        font = ctypes.string_at(content, length.value)
        hb.hb_blob_destroy(data)
        return font or None
    finally:
        if result:
            hb.hb_face_destroy(result)
        if plan:
            subset.hb_subset_input_destroy(plan)
        hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)
