"""regparse: parse Chinese regulations into a typed, citable document tree.

Four verbs::

    import regparse
    doc = regparse.parse(text)              # -> Regulation; never raises on any str
    docs = regparse.extract(page)           # every regulation on a page
    regparse.cite(doc.article(11), full=True)   # 《…》第十一条
    doc.get("第十一条第一款第（三）项")        # lookup by citation

plus ``parse_file`` / ``read_file`` / ``read_source`` for files: text in any common
encoding, PDF, .docx and HTML pages (``regparse.read``).
"""
from __future__ import annotations

from .errors import CitationError, CitationNotFound, OtherActCitation, ReadError, RegparseError
from .model import (
    Appendix, Article, Chapter, Decision, Diagnostic, Division, Heading, Item, Node, Noise,
    Paragraph, Part, Point, Reference, Regulation, Section, Subitem, Subpart, DocumentSource,
)
from .model import FrontMatter
from .parse import extract, parse, parse_file, parse_source
from .read import Source, read_file, read_source
from .lookup import cite
from . import export  # noqa: F401  (doc.to_akn(), doc.to_markdown(), … are its functions)
from .chunks import Chunk
from .collection import Collection, CrossReference
from .citecheck import CitationCheck, Finding, check_citations

__version__ = "0.1.0"

__all__ = [
    "parse", "parse_file", "parse_source", "extract", "read_file", "read_source", "Source", "cite",
    "Regulation", "Node", "Division", "Part", "Subpart", "Chapter", "Section", "Article",
    "Paragraph", "Item", "Subitem", "Appendix", "Heading", "Reference", "Diagnostic", "Noise",
    "Decision", "DocumentSource", "RegparseError", "ReadError", "CitationError", "CitationNotFound",
    "OtherActCitation", "Point",
    "Collection", "CrossReference", "check_citations", "CitationCheck", "Finding", "Chunk",
    "FrontMatter",
]
