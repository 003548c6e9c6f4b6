"""editio: a toolkit for TEI P5 scholarly editions."""

__version__ = "0.1.0"
