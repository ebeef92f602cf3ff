"""Text files: the encodings Chinese regulations come in, and nothing that is not text.

What this reader guarantees the parser: the text is the file's characters
exactly (only a BOM is removed), so a span of the tree is an offset into the
file as the caller has it.  Its lines carry no layout facts.

Supported: UTF-8 (with or without a BOM), GB18030 (which includes GBK and
GB2312), UTF-16 and UTF-32 with a BOM, UTF-16 without one.  Shift-JIS,
EUC-JP and EUC-KR bytes are refused with a message naming the encoding, not
decoded as GB18030 mojibake; :func:`decode_as` reads bytes in an encoding
the caller names.  The returned ``str`` is the decoded
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
    regparse.errors.ReadError: x.png: binary data, not text (pass an encoding to read it anyway)
"""
from __future__ import annotations

import codecs
import re
from contextvars import ContextVar

from ..errors import ReadError
from .source import Line, Replaced, Source

__all__ = ["read_text", "decode", "decode_as", "decode_as_reporting", "decode_with_encoding", "ENCODINGS"]

#: the encodings ``decode`` recognises, in the order it tries them
ENCODINGS = ("utf-32 (BOM)", "utf-16 (BOM)", "utf-16 (no BOM)", "utf-8", "gb18030")

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

# the two hundred ideographs regulations use most, most frequent first: in
# Chinese text they are about half of all ideographs; in Japanese or Korean
# bytes decoded as GB18030 (mojibake of rare or arbitrary ideographs) a small share
_COMMON_IDEOGRAPHS = frozenset(
    "的人法第定条行十者当应以有民或理一规和关管事不院国务二机用业其证三权公产为在对可合保政经出部责本依五"
    "请所生门作会四提案制件地查品上照发他百中同物动资款监检期实审由交利通员方申处及等施时据安得情六构进要内"
    "并任被自主日成工级诉下违执标决设承收明受律全准家罪七取督营告书分议计金于重求税报犯按商八之后向予车未外"
    "限能使认险立建知起与察护九程记采单农偿罚企区相过共具刑办害供财府项司信确年场原代委损费是债市开位")
_IDEOGRAPH = re.compile("[\u4e00-\u9fff]")
# below this share of common ideographs, a GB18030 decoding is taken for another encoding
_MIN_COMMON_SHARE = 0.2
# ideographs needed before the share says anything
_FEW_IDEOGRAPHS = 40
#: encodings a GB18030 decoding that is not Chinese text is tried in, to name them in the error
_OTHER_CJK = (("shift_jis", "Shift-JIS (Japanese)", "[\u3040-\u30ff]"),
              ("euc_jp", "EUC-JP (Japanese)", "[\u3040-\u30ff]"),
              ("euc_kr", "EUC-KR (Korean)", "[\uac00-\ud7a3]"))

# share of characters allowed to be control characters (beyond the first)
_MAX_CONTROL_SHARE = 0.02
# share of characters of a GB18030 decoding allowed outside the ranges above
_MAX_FOREIGN_SHARE = 0.02
# share of non-ASCII sequences allowed to be broken in a file that is
# otherwise UTF-8 (a corrupt byte, a truncated last character)
_MAX_BROKEN_UTF8_SHARE = 0.01


def read_text(data: bytes, name: str = "<bytes>") -> Source:
    """The :class:`Source` of a text file's bytes: :func:`decode`'s text, one ``Line`` per line."""
    text, encoding, replaced = _decode_found(data, name)
    return text_source(text, encoding, replaced)


def text_source(text: str, encoding: str | None, replaced: Replaced | None = None) -> Source:
    """The :class:`Source` of text already decoded (in ``encoding``): one ``Line`` per line;
    ``replaced`` says which bytes the decoding read as U+FFFD."""
    builder_lines = tuple(Line(m.start(), m.start() + len(m.group(1)))
                          for m in _LINE.finditer(text) if m.end() > m.start())
    return Source(text, "text", encoding, builder_lines, replaced=replaced)


# the bytes the decoding in progress replaced (count, bytes, first offset), for
# the one decoding of this thread or task that counts them (see _replacing)
_REPLACED: ContextVar[list[int] | None] = ContextVar("regparse_replaced", default=None)


def _count_and_replace(error: UnicodeDecodeError) -> tuple[str, int]:
    seen = _REPLACED.get()
    if seen is not None:
        if not seen[0]:
            seen[2] = error.start
        seen[0] += 1
        seen[1] += error.end - error.start
    return "\ufffd", error.end


codecs.register_error("regparse.replace", _count_and_replace)


def _replacing(data: bytes, encoding: str) -> tuple[str, Replaced | None]:
    """``data`` decoded with U+FFFD for what is not of ``encoding``, and what was replaced."""
    seen = [0, 0, 0]
    token = _REPLACED.set(seen)
    try:
        text = data.decode(encoding, errors="regparse.replace")
    finally:
        _REPLACED.reset(token)
    if not seen[0]:
        return text, None
    count, size, first = seen
    # where the first U+FFFD stands in the text: what the bytes before it decode to
    at = len(data[:first].decode(encoding, errors="replace"))
    return text, Replaced(count, size, first, at)


def decode_as_reporting(data: bytes, encoding: str, name: str = "<bytes>",
                        errors: str = "strict") -> tuple[str, Replaced | None]:
    """:func:`decode_as`, and which bytes were read as U+FFFD (None when none were)."""
    if errors not in ("strict", "replace"):
        raise ReadError(f"{name}: errors must be 'strict' or 'replace', not {errors!r}")
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        raise ReadError(f"{name}: unknown encoding {encoding!r}") from None
    replaced = None
    try:
        if errors == "replace":
            text, replaced = _replacing(data, codec.name)
        else:
            text = data.decode(codec.name)
    except UnicodeDecodeError as e:
        raise ReadError(f"{name}: not valid {encoding} at byte {e.start} "
                        "(use errors='replace' to read it anyway)") from None
    if text.startswith("\ufeff"):
        text = text[1:]
        if replaced is not None:
            replaced = replaced._replace(first_char=max(0, replaced.first_char - 1))
    return text, replaced


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
    return _decode_found(data, name)[:2]


def _decode_found(data: bytes, name: str) -> tuple[str, str | None, Replaced | None]:
    """:func:`decode_with_encoding`, and which bytes were read as U+FFFD."""
    if not data:
        return "", None, None
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
            return text, encoding, None

    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is None:
            raise ReadError(f"{name}: binary data, not text (pass an encoding to read it anyway)")
        return (*found, None)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_not_binary(text, name)
        return text, "utf-8", None

    mostly = _mostly_utf8(data)
    if mostly is not None:
        _check_not_binary(mostly[0], name)
        return mostly[0], "utf-8", mostly[1]

    if _too_many(len(_CONTROL_BYTES.findall(data)), len(data), _MAX_CONTROL_SHARE):
        raise ReadError(f"{name}: binary data, not text")
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _too_many(len(_NOT_CHINESE_TEXT.findall(text)), len(text),
                                          _MAX_FOREIGN_SHARE):
        if not _reads_as_chinese(text) or _short_and_other(text, data):
            other = _other_cjk_encoding(data)
            raise ReadError(f"{name}: not Chinese text in GB18030" + (
                f"; it looks like {other[1]}: pass encoding {other[0]!r} to read it" if other else
                "; pass an encoding to read it anyway"))
        _check_not_binary(text, name)
        return text, "gb18030", None
    raise ReadError(f"{name}: not text in a supported encoding "
                    "(UTF-8, GB18030/GBK, or UTF-16/UTF-32 with a byte-order mark)")


def decode_as(data: bytes, encoding: str, name: str = "<bytes>", errors: str = "strict") -> str:
    """The bytes decoded in ``encoding``, which the caller names: no detection and
    no binary check (a file with a stray NUL is read as it is).  ``errors`` is
    ``strict`` (a byte that is not of the encoding raises :class:`ReadError`) or
    ``replace`` (it becomes U+FFFD; :func:`decode_as_reporting` also says how
many bytes were replaced and where).
    A byte-order mark of that encoding is removed.

    >>> decode_as("第一条\\x00".encode("utf-16-le"), "utf-16-le")
    '第一条\\x00'
    >>> decode_as(b"\\xff\\xe7\\xac\\xac", "utf-8", errors="replace")
    '\\ufffd第'
    """
    return decode_as_reporting(data, encoding, name, errors)[0]


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text with no byte-order mark (its NUL bytes are the high halves of
    line ends, digits and spaces): the byte order that decodes cleanly into
    Chinese text; None for anything else (the other order gives characters
    from all over Unicode)."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text or _too_many(len(_CONTROL.findall(text)), len(text), _MAX_CONTROL_SHARE):
            continue
        if _too_many(len(_NOT_CHINESE_TEXT.findall(text)), len(text), _MAX_FOREIGN_SHARE) \
                or not _reads_as_chinese(text):
            continue
        return text, encoding
    return None


def _reads_as_chinese(text: str) -> bool:
    """Whether the ideographs of ``text`` are those Chinese text is made of."""
    ideographs = _IDEOGRAPH.findall(text)
    if len(ideographs) < _FEW_IDEOGRAPHS:
        return True
    common = sum(1 for ch in ideographs if ch in _COMMON_IDEOGRAPHS)
    return common >= _MIN_COMMON_SHARE * len(ideographs)


#: a text this short in ideographs is judged by the script of another decoding (a line of Shift-JIS)
_SHORT_IDEOGRAPHS = 12
#: … when that decoding's own script (kana, Hangul) is this share of its non-ASCII characters
_OTHER_SCRIPT_SHARE = 0.3


def _short_and_other(text: str, data: bytes) -> bool:
    """Whether a GB18030 decoding too short for :func:`_reads_as_chinese` (a line or two of
    Shift-JIS: 擔杮岅偺朄棩) holds none of the common ideographs while a Japanese
    encoding of :data:`_OTHER_CJK` reads the bytes as kana."""
    ideographs = _IDEOGRAPH.findall(text)
    if not _SHORT_IDEOGRAPHS <= len(ideographs) < _FEW_IDEOGRAPHS \
            or any(ch in _COMMON_IDEOGRAPHS for ch in ideographs):
        return False
    # kana only: Chinese bytes of GB2312's first rows are Hangul in EUC-KR, so a short
    # Chinese line of rare characters (视力残疾、听力残疾、) would read as Korean
    for encoding, _description, script in _OTHER_CJK[:2]:
        try:
            other = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        wide = sum(1 for ch in other if ord(ch) > 0x7f)
        if wide and len(re.findall(script, other)) >= _OTHER_SCRIPT_SHARE * wide:
            return True
    return False


def _other_cjk_encoding(data: bytes) -> tuple[str, str] | None:
    """The encoding among :data:`_OTHER_CJK` whose decoding has most of its
    script's own characters (kana, Hangul): bytes of one are often valid in another."""
    best, most = None, 0
    for encoding, description, script in _OTHER_CJK:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        count = len(re.findall(script, text))
        if count > most:
            best, most = (encoding, description), count
    return best


def _bom_name(encoding: str) -> str:
    return encoding[:-3].upper() if encoding.endswith(("-le", "-be")) else encoding.upper()


def _too_many(count: int, total: int, share: float) -> bool:
    # the first odd character is forgiven: a stray \x1a at the end of a DOS file
    return count > 1 and count > share * total


def _check_not_binary(text: str, name: str) -> None:
    if "\x00" in text or _too_many(len(_CONTROL.findall(text)), len(text), _MAX_CONTROL_SHARE):
        raise ReadError(f"{name}: binary data, not text")


def _mostly_utf8(data: bytes) -> tuple[str, Replaced] | None:
    """UTF-8 with U+FFFD for broken sequences, and what was replaced, if those
    are a tiny share of the non-ASCII text; None otherwise (GBK text read as
    UTF-8 is nearly all broken)."""
    text, replaced = _replacing(data, "utf-8")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    if replaced is None or replaced.count > _MAX_BROKEN_UTF8_SHARE * non_ascii:
        return None
    return text, replaced
