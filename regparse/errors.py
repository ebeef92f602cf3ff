"""The one small hierarchy of errors regparse raises.

``regparse.parse`` itself never raises: problems with the text become
diagnostics.  Errors are for the caller's mistakes and for input that is not
text at all: a file that cannot be decoded, a citation that does not parse,
a citation that names no node of the document.
"""
from __future__ import annotations

__all__ = ["RegparseError", "ReadError", "CitationError", "CitationNotFound", "OtherActCitation"]


class RegparseError(Exception):
    """Base class of every error regparse raises."""


class ReadError(RegparseError):
    """A file is not text regparse can read (binary, unknown encoding, missing).

    The message is one line and names the file.
    """


class CitationError(RegparseError, ValueError):
    """A citation string is not a citation (``第十一条第一款`` is; ``十一`` is not)."""


class CitationNotFound(RegparseError, KeyError):
    """A well-formed citation names no node of the document.

    ``closest`` holds the citation of the nearest node that does exist, so a
    caller (or the command line) can suggest it.
    """

    def __init__(self, citation: str, closest: str | None = None, detail: str = ""):
        self.citation = citation
        self.closest = closest
        msg = f"no {citation} in this document"
        if detail:
            msg += f" ({detail})"
        if closest:
            msg += f"; closest is {closest}"
        super().__init__(msg)

    def __str__(self) -> str:  # KeyError would repr() the message, quotes and all
        return str(self.args[0])


class OtherActCitation(CitationNotFound):
    """A citation names another act than the document it is looked up in
    (《中华人民共和国宪法》第六十二条 looked up in 刑法).

    ``act`` is the name the citation gives, ``document`` the document's title
    (``None`` when the document has none); the message names both.
    """

    def __init__(self, citation: str, act: str, document: str | None):
        self.act = act
        self.document = document
        super().__init__(citation)
        if document:
            msg = f"{citation} names 《{act}》, not this document (《{document}》)"
        else:
            msg = (f"{citation} names 《{act}》, but this document has no title to check it against; "
                   "cite without the act's name")
        self.args = (msg,)
