"""Word .docx files: the OOXML read directly, automatic numbering rendered into the text.

What this reader guarantees the parser:

* one line per Word paragraph, and one more per soft line break (``w:br``,
  ``w:cr``) inside it: a document typed with line breaks instead of
  paragraphs comes out as the lines it shows;
* Word automatic numbering is rendered: a paragraph numbered with
  ``第%1条`` / ``chineseCounting`` starts with 第一条, 第二条 …, an item list
  with （一）, （二） …, exactly as Word shows them (``numbering.xml``:
  abstractNum / num / lvl, ``lvlText``, ``numFmt``, ``start``,
  ``lvlOverride``/``startOverride``, ``suff``, ``lvlRestart``, numbering
  from the paragraph style, deeper levels restarting after a shallower one);
* tabs are kept as ``\\t``; tables are read in document order, a line per
  paragraph of each cell; deleted revisions and field instructions are left
  out, field results kept;
* headers and footers are not in the text: they are ``Source.furniture``
  (``header`` / ``footer``);
* each line's layout facts: centred (``w:jc``), bold (every run bold), size
  (points), indent (first-line indent in characters).

An old binary .doc, an encrypted file or a damaged archive is refused in
:mod:`regparse.read` before this reader runs.
"""
from __future__ import annotations

import io
import re
import zipfile

from ..errors import ReadError
from ..numerals import to_chinese
from .source import Source, SourceBuilder

__all__ = ["read_docx", "format_number"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADER_FOOTER = re.compile(r"word/(header|footer)\d*\.xml$")
_LEVEL_REF = re.compile(r"%([1-9])")
_BREAK = "\n"


def read_docx(data: bytes, name: str = "<bytes>") -> Source:
    """The :class:`Source` of a .docx file's bytes (see the module docstring)."""
    from . import require

    etree = require("lxml.etree", "docx", name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        document = _parse(etree, archive, "word/document.xml", name)
        numbering = _Numbering(_parse(etree, archive, "word/numbering.xml", name, optional=True))
        styles = _Styles(_parse(etree, archive, "word/styles.xml", name, optional=True))
        furniture = [(m.group(1), _parse(etree, archive, part, name))
                     for part in sorted(archive.namelist()) if (m := _HEADER_FOOTER.match(part))]
    except ReadError:
        raise
    except Exception as e:  # zipfile: BadZipFile, zlib.error, NotImplementedError, KeyError, CRC errors …
        raise ReadError(f"{name}: a damaged .docx ({e.__class__.__name__}); "
                        "open and save it again in Word or LibreOffice") from None

    builder = SourceBuilder()
    body = document.find(f"{W}body")
    if body is None:
        if "purl.oclc.org/ooxml" in str(document.tag):
            raise ReadError(f"{name}: a Strict Open XML document; save it as an ordinary "
                            "Word document (.docx) and try again")
        raise ReadError(f"{name}: a .docx without a document body")
    reader = _Reader(numbering, styles)
    for paragraph in _paragraphs(body):
        reader.emit(paragraph, builder)
    for kind, root in furniture:
        text = "\n".join(line for p in _paragraphs(root)
                         for line in reader.paragraph_text(p).split(_BREAK)).strip()
        if text:
            builder.furniture(text, kind)
    return builder.build("docx")


def _parse(etree, archive: zipfile.ZipFile, part: str, name: str, optional: bool = False):
    try:
        raw = archive.read(part)
    except KeyError:
        if optional:
            return None
        raise
    try:
        return etree.fromstring(raw, etree.XMLParser(resolve_entities=False, huge_tree=True))
    except etree.XMLSyntaxError as e:
        raise ReadError(f"{name}: {part} is not well-formed XML ({e.msg}); "
                        "open and save the file again in Word or LibreOffice") from None


def _paragraphs(container):
    """Every ``w:p`` in reading order: body paragraphs, table cells row by row, content controls."""
    for child in container:
        tag = child.tag
        if tag == f"{W}p":
            yield child
        elif tag in (f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}sdt", f"{W}sdtContent",
                     f"{W}customXml", f"{W}txbxContent"):
            yield from _paragraphs(child)


def _val(element, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    return None if found is None else found.get(f"{W}val")


def _on(element, path: str) -> bool | None:
    """A toggle property (w:b, w:i …): True, False, or None when absent."""
    found = element.find(path) if element is not None else None
    if found is None:
        return None
    return found.get(f"{W}val", "true") not in ("0", "false", "off")


class _Styles:
    """Paragraph styles: alignment, numbering, bold and size, following basedOn."""

    def __init__(self, root) -> None:
        self._styles = {}
        #: the style of a paragraph that names none (w:default="1", usually Normal)
        self.default: str | None = None
        if root is None:
            return
        for style in root.iter(f"{W}style"):
            self._styles[style.get(f"{W}styleId")] = style
            if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true"):
                self.default = style.get(f"{W}styleId")

    def _chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            style = self._styles[style_id]
            yield style
            style_id = _val(style, f"{W}basedOn")

    def lookup(self, style_id: str | None, path: str, toggle: bool = False):
        for style in self._chain(style_id):
            value = _on(style, path) if toggle else _val(style, path)
            if value is not None:
                return value
        return None


class _Numbering:
    """numbering.xml: which label each numbered paragraph gets, counted as Word counts."""

    def __init__(self, root) -> None:
        self._abstract: dict[str, dict[int, object]] = {}
        self._nums: dict[str, tuple[str, dict[int, int], dict[int, object]]] = {}
        self._counters: dict[object, list[int | None]] = {}
        self._specs: dict[str, tuple | None] = {}
        if root is None:
            return
        for abstract in root.iter(f"{W}abstractNum"):
            self._abstract[abstract.get(f"{W}abstractNumId")] = {
                int(lvl.get(f"{W}ilvl", "0")): lvl for lvl in abstract.iter(f"{W}lvl")}
        for num in root.iter(f"{W}num"):
            starts, levels = {}, {}
            for override in num.iter(f"{W}lvlOverride"):
                ilvl = int(override.get(f"{W}ilvl", "0"))
                start = _val(override, f"{W}startOverride")
                if start is not None:
                    starts[ilvl] = int(start)
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    levels[ilvl] = lvl
            self._nums[num.get(f"{W}numId")] = (_val(num, f"{W}abstractNumId") or "", starts, levels)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The next label of list ``num_id`` at level ``ilvl`` (advancing its counter)."""
        spec = self._spec(num_id)
        if spec is None or spec[1][ilvl] is None:
            return None
        key, levels = spec
        fmt, pattern, suffix, legal, start, restarts = levels[ilvl]
        counters = self._counters.setdefault(key, [None] * 9)
        counters[ilvl] = start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            # a deeper level starts again after this one, unless its lvlRestart says otherwise
            # (0: never; N: only after level N, counted from 1, or one above it)
            restart = levels[deeper][5] if levels[deeper] else None
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        if fmt == "none" or fmt == "bullet":
            # a bullet is a glyph (often a Symbol-font private-use code), not a label
            return ""
        if "%" in pattern:
            def level_number(match: re.Match) -> str:
                level = int(match.group(1)) - 1
                spec_level = levels[level]
                value = counters[level]
                if value is None:
                    value = spec_level[4] if spec_level else 1
                level_fmt = fmt if level == ilvl else (spec_level[0] if spec_level else "decimal")
                return format_number(value, "decimal" if legal and level != ilvl else level_fmt)

            pattern = _LEVEL_REF.sub(level_number, pattern)
        return pattern + suffix

    def _spec(self, num_id: str):
        """(counter key, per level (numFmt, lvlText, suffix, isLgl, start, lvlRestart)) of a num."""
        if num_id in self._specs:
            return self._specs[num_id]
        spec = None
        if num_id in self._nums:
            abstract_id, starts, overrides = self._nums[num_id]
            defined = self._abstract.get(abstract_id, {})
            levels = []
            for ilvl in range(9):
                lvl = overrides.get(ilvl, defined.get(ilvl))
                if lvl is None:
                    levels.append(None)
                    continue
                restart = _val(lvl, f"{W}lvlRestart")
                levels.append((_val(lvl, f"{W}numFmt") or "decimal", _val(lvl, f"{W}lvlText") or "",
                               _SUFFIX.get(_val(lvl, f"{W}suff") or "tab", "\t"), bool(_on(lvl, f"{W}isLgl")),
                               starts.get(ilvl, self._start(lvl)),
                               int(restart) if restart and restart.isdigit() else None))
            # nums that restart a level count on their own; the others share their abstractNum's list
            key = ("num", num_id) if starts or overrides else ("abstract", abstract_id)
            spec = (key, levels)
        self._specs[num_id] = spec
        return spec

    @staticmethod
    def _start(lvl) -> int:
        start = _val(lvl, f"{W}start")
        return int(start) if start and start.lstrip("-").isdigit() else 1


_SUFFIX = {"tab": "\t", "space": " ", "nothing": ""}
_IDEOGRAPH_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
_IDEOGRAPH_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_UPPER_DIGITS = dict(zip("零一二三四五六七八九十百千", "零壹贰叁肆伍陆柒捌玖拾佰仟"))


def format_number(n: int, fmt: str) -> str:
    """``n`` in a Word ``numFmt``: 3 → 三 (chineseCounting), 甲 (ideographTraditional) …

    >>> format_number(1164, "chineseCounting"), format_number(2, "ideographTraditional")
    ('一千一百六十四', '乙')
    """
    if n < 0:
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "chineseLegalSimplified", "ideographLegalTraditional"):
        text = to_chinese(n) if n else "〇"
        if fmt == "chineseCountingThousand" and 10 <= n < 20:
            text = "一" + text  # Word writes 一十一 in this format
        if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
            text = "".join(_UPPER_DIGITS.get(ch, ch) for ch in text)
        return text
    if fmt == "taiwaneseCountingThousand":
        return to_chinese(n)
    if fmt in ("ideographTraditional", "ideographZodiac"):
        cycle = _IDEOGRAPH_TRADITIONAL if fmt == "ideographTraditional" else _IDEOGRAPH_ZODIAC
        return cycle[(n - 1) % len(cycle)] if n else str(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n else ""
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman, rest = "", n
        for value, digits in _ROMAN:
            while rest >= value:
                roman, rest = roman + digits, rest - value
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


_P_PR, _R_PR, _P_STYLE, _JC, _NUM_PR, _NUM_ID, _ILVL, _IND = (
    f"{W}pPr", f"{W}rPr", f"{W}pStyle", f"{W}jc", f"{W}numPr", f"{W}numId", f"{W}ilvl", f"{W}ind")
_R, _T, _TAB, _PTAB, _BR, _CR, _HYPHEN, _SYM, _B, _SZ, _VAL = (
    f"{W}r", f"{W}t", f"{W}tab", f"{W}ptab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen", f"{W}sym",
    f"{W}b", f"{W}sz", f"{W}val")
_SKIP = frozenset((f"{W}del", f"{W}moveFrom", _P_PR, _R_PR, f"{W}proofErr", f"{W}bookmarkStart",
                   f"{W}bookmarkEnd"))
_DESCEND = frozenset((f"{W}hyperlink", f"{W}ins", f"{W}moveTo", f"{W}smartTag", f"{W}fldSimple",
                      f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}bdo", f"{W}dir"))
_OFF = ("0", "false", "off")


class _Reader:
    """Reads paragraphs in one pass over their children (this is the reader's hot path)."""

    def __init__(self, numbering: _Numbering, styles: _Styles) -> None:
        self.numbering = numbering
        self.styles = styles
        self._style_facts: dict[str | None, tuple] = {}

    def _style(self, style_id: str | None) -> tuple:
        """(jc, numId, ilvl, bold, size in half points) a paragraph style gives, cached."""
        facts = self._style_facts.get(style_id)
        if facts is None:
            lookup = self.styles.lookup
            size = lookup(style_id, f"{W}rPr/{W}sz")
            facts = (lookup(style_id, f"{W}pPr/{W}jc"), lookup(style_id, f"{W}pPr/{W}numPr/{W}numId"),
                     lookup(style_id, f"{W}pPr/{W}numPr/{W}ilvl"),
                     bool(lookup(style_id, f"{W}rPr/{W}b", toggle=True)),
                     int(size) if size and size.isdigit() else None)
            self._style_facts[style_id] = facts
        return facts

    def emit(self, paragraph, builder: SourceBuilder) -> None:
        style_id = jc = num_id = ilvl = ind = None
        if len(paragraph) and paragraph[0].tag == _P_PR:
            for child in paragraph[0]:
                tag = child.tag
                if tag == _P_STYLE:
                    style_id = child.get(_VAL)
                elif tag == _JC:
                    jc = child.get(_VAL)
                elif tag == _NUM_PR:
                    for c in child:
                        if c.tag == _NUM_ID:
                            num_id = c.get(_VAL)
                        elif c.tag == _ILVL:
                            ilvl = c.get(_VAL)
                elif tag == _IND:
                    ind = child
        style_jc, style_num, style_ilvl, style_bold, style_size = self._style(style_id or self.styles.default)
        parts: list[str] = []
        runs: list[tuple[bool | None, int | None]] = []
        self._runs(paragraph, parts, runs)
        text = "".join(parts)
        if not text.strip():
            return
        if num_id is None:
            num_id, ilvl = style_num, ilvl if ilvl is not None else style_ilvl
        if num_id and num_id != "0":
            label = self.numbering.label(num_id, int(ilvl or 0))
            if label:
                text = label + text
        size_half_points = next((sz for _, sz in runs if sz), style_size)
        size = size_half_points / 2 if size_half_points else None
        facts = {"centred": (jc or style_jc) in ("center", "centre"),
                 "bold": all(style_bold if b is None else b for b, _ in runs) if runs else None,
                 "size": size, "indent": self._indent(ind, size)}
        for i, line in enumerate(text.split(_BREAK)):
            if line.strip():
                builder.line(line, **(facts if i == 0 else {**facts, "indent": 0.0}))

    def paragraph_text(self, paragraph, numbered: bool = False) -> str:
        parts: list[str] = []
        self._runs(paragraph, parts, [])
        return "".join(parts)

    def _runs(self, element, parts: list[str], runs: list) -> None:
        for child in element:
            tag = child.tag
            if tag == _R:
                self._run(child, parts, runs)
            elif tag in _DESCEND:
                self._runs(child, parts, runs)

    @staticmethod
    def _run(run, parts: list[str], runs: list) -> None:
        bold = size = None
        had_text = False
        for child in run:
            tag = child.tag
            if tag == _T:
                t = child.text
                if t:
                    parts.append(t)
                    had_text = had_text or not t.isspace()
            elif tag == _R_PR:
                for prop in child:
                    if prop.tag == _B:
                        bold = prop.get(_VAL, "true") not in _OFF
                    elif prop.tag == _SZ:
                        value = prop.get(_VAL)
                        size = int(value) if value and value.isdigit() else None
            elif tag == _TAB or tag == _PTAB:
                parts.append("\t")
            elif tag == _BR or tag == _CR:
                parts.append(_BREAK)
            elif tag == _HYPHEN:
                parts.append("-")
            elif tag == _SYM:
                code = child.get(f"{W}char")
                if code:
                    try:
                        parts.append(chr(int(code, 16)))
                    except ValueError:
                        pass
        if had_text:
            runs.append((bold, size))

    @staticmethod
    def _indent(ind, size: float | None) -> float | None:
        if ind is None:
            return None
        chars = ind.get(f"{W}firstLineChars")
        if chars and chars.lstrip("-").isdigit():
            return int(chars) / 100
        twips = ind.get(f"{W}firstLine")
        if twips and twips.lstrip("-").isdigit():
            return int(twips) / (20 * (size or 12))
        hanging = ind.get(f"{W}hanging")
        if hanging and hanging.isdigit():
            return -int(hanging) / (20 * (size or 12))
        return 0.0
