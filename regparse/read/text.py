"""Text files: the encodings Chinese regulations come in, and nothing that is not text.

What this reader guarantees the parser: the text is the file's characters
exactly (only a BOM is removed), so a span of the tree is an offset into the
file as the caller has it.  Its lines carry no layout facts.

Supported: UTF-8 (with or without a BOM), GB18030 (which includes GBK and
GB2312), UTF-16 and UTF-32 with a BOM.  The returned ``str`` is the decoded
text exactly: only the BOM is removed.  Line ends stay as they were (CRLF is
kept as ``\\r\\n``; the parser reads it), because the spans of a parsed tree are
offsets into this string and must point at the text the caller has.

Binary data, an unknown encoding, a missing file or a directory raise
:class:`regparse.ReadError` with a one-line message naming the file::

    >>> decode("第一条　为了规范…".encode("gb18030"))
    '第一条\\u3000为了规范…'
    >>> decode(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR", name="x.png")
    Traceback (most recent call last):
    ...
    regparse.errors.ReadError: x.png: binary data, not text
"""
from __future__ import annotations

import codecs
import re

from ..errors import ReadError
from .source import Line, Source

__all__ = ["read_text", "decode", "decode_with_encoding", "ENCODINGS"]

#: the encodings ``decode`` recognises, in the order it tries them
ENCODINGS = ("utf-32 (BOM)", "utf-16 (BOM)", "utf-8", "gb18030")

# UTF-32 first: its little-endian BOM begins with the UTF-16 one
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 and C1 control characters other than tab, line feed, vertical tab, form
# feed and carriage return, which real text (PDF extractions) does contain
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CONTROL_BYTES = re.compile(b"[\x00-\x08\x0e-\x1f\x7f]")

# What a GB18030-encoded regulation is made of: ASCII, CJK ideographs and
# punctuation, full-width forms, and the symbol, Greek, Cyrillic and pinyin
# blocks of GB2312/GBK.  GB18030 decodes almost any byte string, so a result
# with much outside these ranges (private use, Hangul, Arabic, …) is taken
# for binary data or another encoding, not for Chinese text.
_NOT_CHINESE_TEXT = re.compile(
    "[^\t\n\x0b\x0c\r\x20-\x7e"
    "\u00a0-\u017f\u01cd-\u01dc\u02c7-\u02d9\u0370-\u04ff"
    "\u2000-\u27bf\u2e80-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe10-\ufe6f\uff00-\uffef"
    "\U00020000-\U0003134f]"
)

# share of characters allowed to be control characters (beyond the first)
_MAX_CONTROL_SHARE = 0.02
# share of characters of a GB18030 decoding allowed outside the ranges above
_MAX_FOREIGN_SHARE = 0.02
# share of non-ASCII sequences allowed to be broken in a file that is
# otherwise UTF-8 (a corrupt byte, a truncated last character)
_MAX_BROKEN_UTF8_SHARE = 0.01


def read_text(data: bytes, name: str = "<bytes>") -> Source:
    """The :class:`Source` of a text file's bytes: :func:`decode`'s text, one ``Line`` per line."""
    text, encoding = decode_with_encoding(data, name)
    builder_lines = tuple(Line(m.start(), m.start() + len(m.group(1)))
                          for m in _LINE.finditer(text) if m.end() > m.start())
    return Source(text, "text", encoding, builder_lines)


# a line and its end: \r\n, \n or \r (the line ends the normalizer knows)
_LINE = re.compile(r"([^\r\n]*)(?:\r\n|\n|\r|$)")


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Decode the bytes of a text file in UTF-8, GB18030/GBK, or UTF-16/UTF-32 with a BOM.

    Only decoding happens and the BOM is removed; nothing else changes (line
    ends, spaces, full-width characters stay), so spans of a tree parsed from
    the result are offsets into this very string.

    Detection order: a BOM decides; otherwise valid UTF-8; otherwise UTF-8
    with a very few broken sequences (a corrupt byte or a truncated last
    character; each becomes U+FFFD); otherwise GB18030, accepted only when the
    result reads as Chinese text.  Bytes with NUL or many other control
    characters are binary data.  ``name`` is used in the error message.

    Raises :class:`regparse.ReadError` (one line, naming ``name``) for
    binary data and bytes that are text in none of these encodings.

    Example::

        >>> decode(codecs.BOM_UTF16_LE + "第一条\\r\\n".encode("utf-16-le"))
        '第一条\\r\\n'
    """
    return decode_with_encoding(data, name)[0]


def decode_with_encoding(data: bytes, name: str = "<bytes>") -> tuple[str, str | None]:
    """:func:`decode`, and the name of the encoding it found (``None`` for no bytes)."""
    if not data:
        return "", None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                if bom == codecs.BOM_UTF32_LE:
                    continue  # may still be UTF-16-LE whose text starts with U+0000
                raise ReadError(f"{name}: starts with a {_bom_name(encoding)} byte-order mark "
                                f"but is not valid {_bom_name(encoding)}") from None
            _check_not_binary(text, name)
            return text, encoding

    if b"\x00" in data:
        raise ReadError(f"{name}: binary data, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_not_binary(text, name)
        return text, "utf-8"

    text = _mostly_utf8(data)
    if text is not None:
        _check_not_binary(text, name)
        return text, "utf-8"

    if _too_many(len(_CONTROL_BYTES.findall(data)), len(data), _MAX_CONTROL_SHARE):
        raise ReadError(f"{name}: binary data, not text")
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _too_many(len(_NOT_CHINESE_TEXT.findall(text)), len(text),
                                          _MAX_FOREIGN_SHARE):
        _check_not_binary(text, name)
        return text, "gb18030"
    raise ReadError(f"{name}: not text in a supported encoding "
                    "(UTF-8, GB18030/GBK, or UTF-16/UTF-32 with a byte-order mark)")


def _bom_name(encoding: str) -> str:
    return encoding[:-3].upper() if encoding.endswith(("-le", "-be")) else encoding.upper()


def _too_many(count: int, total: int, share: float) -> bool:
    # the first odd character is forgiven: a stray \x1a at the end of a DOS file
    return count > 1 and count > share * total


def _check_not_binary(text: str, name: str) -> None:
    if "\x00" in text or _too_many(len(_CONTROL.findall(text)), len(text), _MAX_CONTROL_SHARE):
        raise ReadError(f"{name}: binary data, not text")


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with U+FFFD for broken sequences, if those are a tiny share of the
    non-ASCII text; None otherwise (GBK text read as UTF-8 is nearly all broken)."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    if broken <= 0 or broken > _MAX_BROKEN_UTF8_SHARE * non_ascii:
        return None
    return text
