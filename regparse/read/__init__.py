"""Files to text: one reader per format, each giving the pipeline a :class:`Source`.

::

    file ─▶ detect the format by content ─▶ text │ pdf │ docx │ html ─▶ Source

The format is recognised from the bytes, not the file name: ``%PDF-`` is a
PDF, a zip holding ``word/document.xml`` a Word document, markup
(``<!DOCTYPE html``, ``<html``, ``<head``, ``<body``) a web page, anything
else text in one of the :data:`ENCODINGS`.  An OLE2 file (old binary .doc, or
an encrypted Office file), a zip that is not a .docx, a PDF that cannot be
opened, is encrypted or has no text layer, each raise a one-line
:class:`regparse.ReadError` that names the file and says what to do.

Public functions::

    regparse.read_file("law.pdf")      # -> str: the text the reader produced
    regparse.read_source("law.docx")   # -> Source: that text, its lines, furniture, metadata
    read_bytes(data, name="law.html")  # -> Source, from bytes in memory
    decode(data)                       # -> str: text-file bytes only, exactly as before

A text file's text is the file's characters exactly (the normalizer and the
lexer deal with its wrapping and noise).  What the readers of PDF, DOCX and
HTML guarantee the parser (the contract the lexer relies on):

* one paragraph per line: a regulation's paragraph (an article's first or a
  later 款, an item, a heading) is one line of ``Source.text``; wrapping,
  soft line breaks and column breaks are undone, headings and labels stay on
  lines of their own;
* labels are in the text, also where the file keeps them elsewhere (Word
  automatic numbering renders 第一条, （一） into the line);
* what belongs to the page and not to the document (running headers, page
  numbers, navigation, boxed asides) is not in the text but in
  ``Source.furniture``, with its page and box where known;
* ``Source.lines[i]`` gives each line's offsets in ``text`` and its layout
  facts (page, box, indent, centred, bold, size; ``None`` where unknown).

Where later stages plug in: a lexer rule that wants layout reads the
``Line`` of a physical line (its offsets are offsets into the same text as the
normalizer's line spans, so a bisect on ``Line.start`` finds it); a node's
pages and boxes are the ``Line.pieces`` (page, box) of the lines its span
covers; OCR of an image-only PDF would be one more reader producing the same
``Source`` (:mod:`.ocr`, called where the PDF reader finds no text layer
and OCR was asked for).
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import ReadError
from .source import Box, Furniture, Line, Source
from .text import ENCODINGS, decode, decode_as, decode_as_reporting, read_text, text_source

__all__ = ["read_file", "read_source", "read_bytes", "detect_format", "decode", "decode_as", "decode_as_reporting", "text_source", "ENCODINGS", "MAX_BYTES",
           "Source", "Line", "Furniture", "Box", "FORMATS"]

#: the formats :func:`read_source` recognises, as ``Source.format`` names them
FORMATS = ("text", "pdf", "docx", "html")

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
# how far into a file the markers of a format are looked for
_SNIFF = 2048
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta http-equiv")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_BINARY_SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".doc": "doc"}


#: the largest file read by default (200 MB; the largest regulations are a few MB):
#: a larger file, or a device like /dev/zero, is refused before it fills memory
MAX_BYTES = 200 * 1024 * 1024


def read_file(path: str | os.PathLike[str], *, encoding: str | None = None, errors: str = "strict",
              max_bytes: int | None = None) -> str:
    """The text of the file at ``path``: a text file decoded, a PDF, .docx or web page read.

    For a text file this is the decoded text exactly (see :func:`decode`);
    for the other formats it is the text their reader produced
    (``read_source(path).text``).  Spans of ``regparse.parse(read_file(path))``
    are offsets into this string.

    Raises :class:`regparse.ReadError` naming the file when it is missing, a
    directory or other non-regular file (a device, a pipe), larger than
    ``max_bytes`` (default :data:`MAX_BYTES`), unreadable, binary, in an
    unknown encoding, or a file of a known format that cannot be read.  An
    empty text file gives ``""``.  ``encoding`` reads a text file in that
    encoding with no detection and no binary check (``errors="replace"``
    turns bytes that are not of it into U+FFFD).

    Example::

        text = regparse.read_file("seeds/004_931bd066818f0e97.txt")
        doc = regparse.parse(text)
        text[slice(*doc.article(11).span)]      # 第十一条 as printed
    """
    name = os.fspath(path)
    data = _read_bytes(name, max_bytes)
    if encoding is not None:
        return decode_as(data, encoding, name, errors)
    if detect_format(data, name) == "text":
        return decode(data, name=name)      # the lines of a Source are not needed here
    return read_bytes(data, name=name).text


def read_source(path: str | os.PathLike[str], *, ocr: bool = False, max_bytes: int | None = None,
                encoding: str | None = None, errors: str = "strict") -> Source:
    """The :class:`Source` of the file at ``path``, its format detected from its content.

    With ``ocr=True`` a PDF without a text layer is read by tesseract
    (``chi_sim``, on PATH) instead of refused; its lines are as printed.
    ``encoding`` (and ``errors``) read a text file in that encoding, as
    :func:`read_file` does; ``max_bytes`` bounds the size as there.

    Example::

        src = regparse.read_source("law.docx")
        src.format, src.metadata, [f.text for f in src.furniture]
    """
    name = os.fspath(path)
    data = _read_bytes(name, max_bytes)
    if encoding is not None:
        text, replaced = decode_as_reporting(data, encoding, name, errors)
        return text_source(text, encoding, replaced)
    return read_bytes(data, name=name, ocr=ocr)


def read_bytes(data: bytes, name: str = "<bytes>", *, ocr: bool = False) -> Source:
    """The :class:`Source` of a file's bytes (``name`` is for messages and the suffix hint)."""
    fmt = detect_format(data, name)
    if fmt == "pdf":
        from .pdf import read_pdf
        return read_pdf(data, name, ocr=ocr)
    if fmt == "docx":
        from .docx import read_docx
        return read_docx(data, name)
    if fmt == "html":
        from .html import read_html
        return read_html(data, name)
    return read_text(data, name)


def detect_format(data: bytes, name: str = "<bytes>") -> str:
    """``text``, ``pdf``, ``docx`` or ``html``, from the bytes (the name only breaks ties).

    Raises :class:`regparse.ReadError` for files of a known kind that no
    reader takes: .doc (OLE2), encrypted Office files, zips that are no
    .docx, and empty files whose name promises a PDF or Word document.
    """
    head = data[:_SNIFF]
    suffix = Path(name).suffix.lower()
    if not data:
        if suffix in _BINARY_SUFFIXES:
            raise ReadError(f"{name}: empty file (0 bytes), not a {suffix[1:].upper()} document")
        return "text"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE2):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ReadError(f"{name}: an encrypted (password-protected) Word file; "
                            "save it without a password and try again")
        raise ReadError(f"{name}: an old binary Word .doc (or other OLE2) file; "
                        "save it as .docx (or convert it: soffice --headless --convert-to docx)")
    if head.startswith(_ZIP):
        return _zip_format(data, name)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):      # UTF-16 with a BOM: look at its characters
        head = head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(marker in lowered for marker in _HTML_MARKERS):
        return "html"
    if suffix in _HTML_SUFFIXES and lowered.startswith(b"<"):
        return "html"
    if suffix == ".pdf":
        raise ReadError(f"{name}: not a PDF (no %PDF- header); the file is damaged or of another kind")
    return "text"


def _zip_format(data: bytes, name: str) -> str:
    import io
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except Exception:  # zipfile raises BadZipFile, NotImplementedError, ValueError … on damage
        raise ReadError(f"{name}: a damaged zip archive (truncated or corrupt); "
                        "if it is a .docx, open and save it again in Word or LibreOffice") from None
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        raise ReadError(f"{name}: an OpenDocument file, not a .docx; save it as .docx")
    if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
        raise ReadError(f"{name}: an Excel or PowerPoint file, not a Word document")
    raise ReadError(f"{name}: a zip archive with no word/document.xml, not a .docx; "
                    "unpack it and parse the files inside")


def _read_bytes(name: str, max_bytes: int | None = None) -> bytes:
    import stat

    limit = MAX_BYTES if max_bytes is None else max_bytes
    p = Path(name)
    try:
        with open(p, "rb") as f:
            mode = os.fstat(f.fileno()).st_mode
            if stat.S_ISDIR(mode):
                raise IsADirectoryError
            if not stat.S_ISREG(mode):
                raise ReadError(f"{name}: not a regular file (a device, pipe or socket)")
            data = f.read(limit + 1)
        if len(data) > limit:
            raise ReadError(f"{name}: larger than {limit:,} bytes (the limit; pass max_bytes to raise it)")
        return data
    except FileNotFoundError:
        raise ReadError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise ReadError(f"{name}: is a directory, not a file") from None
    except PermissionError:
        raise ReadError(f"{name}: permission denied") from None
    except OSError as e:
        if p.is_dir():
            raise ReadError(f"{name}: is a directory, not a file") from None
        raise ReadError(f"{name}: cannot read: {e.strerror or e}") from None


def require(module: str, extra: str, name: str):
    """Import ``module`` for a reader, or raise the one-line error naming the extra to install."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ReadError(f'{name}: reading {extra.upper()} files needs {module.split(".")[0]}; '
                        f'install it with: pip install "regparse-cn[{extra}]"') from None
