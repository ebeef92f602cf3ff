"""PDF files: the text layer read from its character boxes, column by column, as paragraphs.

What this reader guarantees the parser:

* reading order: on each page, text set across the columns (masthead,
  headline, issuing lines) comes before the columns below it, and the
  columns, found from the gutters between the boxes of the body text (1–5
  columns), are read one after the other, left to right;
* one line per paragraph: the lines a column wraps are joined again (a line
  that ends short of the column's right edge, or a change of font size, or
  a wider gap below it, ends a paragraph; an indented or centred line
  starts one), across column and page breaks as well; a large headline
  wrapped over two lines is one line;
* running headers, footers and page numbers (found by their position at the
  top or bottom of a page and by repeating, or by looking like a page
  number) and boxed asides (text inside a drawn frame, such as a news item
  set in the page) are not in the text: they are ``Source.furniture`` with
  their page and box; a page that is only an image (scanned, among pages with
  text) is furniture of kind ``image`` with no text, so that it is not lost
  silently;
* CJK radical and compatibility code points (⻔ U+2ED4, ⺠ U+2EA0, ⾏ U+2F8F,
  U+F900–U+FAFF …) are the ordinary characters (门, 民, 行 …);
* each line knows its page (the page of its first character), its box on
  that page (points, origin top left), the printed lines it was joined from
  (``pieces``: page and box of each), its font size and, where the font says
  so, whether it is bold.

A PDF with no text layer (scanned pages) raises :class:`regparse.ReadError`
saying so; an encrypted or damaged file too.  Characters come from
pypdfium2 (PDFium), which reads character boxes fast.
"""
from __future__ import annotations

import ctypes
import re
import statistics
import unicodedata
from dataclasses import dataclass, field

from ..errors import ReadError
from .source import Source, SourceBuilder

__all__ = ["read_pdf", "ordinary_characters"]

# CJK Radicals Supplement code points that fonts map glyphs to instead of the
# ideograph (Unicode gives them no decomposition, so NFKC leaves them)
_RADICALS = {
    "\u2e8c": "小",  # ⺌
    "\u2e8d": "小",  # ⺍
    "\u2e95": "彐",  # ⺕
    "\u2e9b": "旡",  # ⺛
    "\u2e9f": "母",  # ⺟
    "\u2ea0": "民",  # ⺠
    "\u2ea4": "爫",  # ⺤
    "\u2ea6": "丬",  # ⺦
    "\u2ea8": "犭",  # ⺨
    "\u2ea9": "王",  # ⺩
    "\u2eab": "罒",  # ⺫
    "\u2eae": "竹",  # ⺮
    "\u2eaf": "糹",  # ⺯
    "\u2eb0": "纟",  # ⺰
    "\u2eb7": "羊",  # ⺷
    "\u2eb9": "耂",  # ⺹
    "\u2ebb": "聿",  # ⺻
    "\u2ebc": "月",  # ⺼
    "\u2ebe": "艹",  # ⺾
    "\u2ebf": "艹",  # ⺿
    "\u2ec0": "艹",  # ⻀
    "\u2ec1": "虎",  # ⻁
    "\u2ec2": "衤",  # ⻂
    "\u2ec4": "西",  # ⻄
    "\u2ec5": "见",  # ⻅
    "\u2ec6": "角",  # ⻆
    "\u2ec8": "讠",  # ⻈
    "\u2ec9": "贝",  # ⻉
    "\u2ecb": "车",  # ⻋
    "\u2ecc": "辶",  # ⻌
    "\u2ecd": "辶",  # ⻍
    "\u2ecf": "阝",  # ⻏
    "\u2ed0": "钅",  # ⻐
    "\u2ed1": "長",  # ⻑
    "\u2ed3": "长",  # ⻓
    "\u2ed4": "门",  # ⻔
    "\u2ed6": "阝",  # ⻖
    "\u2ed7": "雨",  # ⻗
    "\u2ed8": "青",  # ⻘
    "\u2ed9": "韦",  # ⻙
    "\u2eda": "页",  # ⻚
    "\u2edb": "风",  # ⻛
    "\u2edc": "飞",  # ⻜
    "\u2edd": "食",  # ⻝
    "\u2edf": "飠",  # ⻟
    "\u2ee0": "饣",  # ⻠
    "\u2ee2": "马",  # ⻢
    "\u2ee3": "骨",  # ⻣
    "\u2ee4": "鬼",  # ⻤
    "\u2ee5": "鱼",  # ⻥
    "\u2ee6": "鸟",  # ⻦
    "\u2ee7": "卤",  # ⻧
    "\u2ee8": "麦",  # ⻨
    "\u2ee9": "黄",  # ⻩
    "\u2eea": "黾",  # ⻪
    "\u2eeb": "斉",  # ⻫
    "\u2eec": "齐",  # ⻬
    "\u2eed": "歯",  # ⻭
    "\u2eee": "齿",  # ⻮
    "\u2eef": "竜",  # ⻯
    "\u2ef0": "龙",  # ⻰
    "\u2ef1": "龜",  # ⻱
    "\u2ef2": "亀",  # ⻲
    "\u2ef3": "龟",  # ⻳
}
_COMPAT = re.compile("[\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")


def ordinary_characters(text: str) -> str:
    """Radical and compatibility ideograph code points as the ordinary characters.

    >>> ordinary_characters("⻔户 ⺠主 ⾏政 ⼈")
    '门户 民主 行政 人'
    """
    def ordinary(match: re.Match) -> str:
        ch = match.group(0)
        if ch in _RADICALS:
            return _RADICALS[ch]
        folded = unicodedata.normalize("NFKC", ch)
        return folded if len(folded) == 1 else ch

    return _COMPAT.sub(ordinary, text)


@dataclass(slots=True, eq=False)   # fragments are compared by identity
class _Fragment:
    """A run of characters on one baseline with no wide gap: a line of one column."""

    page: int
    chars: list[str]
    x0: float
    top: float
    x1: float
    bottom: float
    baseline: float
    size: float
    bold: bool | None
    reach: float = 0.0      # where the last character's advance ends (≥ x1: 、，。 are narrow glyphs)
    column: int = -1        # index into the page's columns; -1 = set across columns
    col_left: float = 0.0
    col_right: float = 0.0

    @property
    def text(self) -> str:
        return "".join(self.chars).strip()


@dataclass
class _Page:
    number: int
    width: float
    height: float
    fragments: list[_Fragment] = field(default_factory=list)
    # (character, x0, x1, baseline, font size, bold, full width) in content order;
    # x0 None for a space PDFium inserted
    chars: list[tuple] = field(default_factory=list)
    frames: list[tuple[float, float, float, float]] = field(default_factory=list)
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)
    images: int = 0


# a page number as printed: 3, — 3 —, - 3 -, 第5版, 第 1 页 共 4 页, 3/4
_PAGE_NUMBER = re.compile(r"^(?:[—\-－–~·\s]*\d{1,4}[—\-－–~·\s]*|第\s*\d{1,4}\s*[版页](?:\s*共\s*\d+\s*页)?"
                          r"|\d{1,4}\s*/\s*\d{1,4}|[Pp]age\s*\d+(?:\s*of\s*\d+)?)$")
_DIGITS = re.compile(r"\d+")
_ASCII_WORD_END = re.compile(r"[A-Za-z0-9]$")
_ASCII_WORD_START = re.compile(r"^[A-Za-z0-9]")


def read_pdf(data: bytes, name: str = "<bytes>", ocr: bool = False) -> Source:
    """The :class:`Source` of a PDF's bytes (see the module docstring); with
    ``ocr``, a PDF without a text layer is read by tesseract (:mod:`.ocr`)."""
    from . import require

    pdfium = require("pypdfium2", "pdf", name)
    pages = _pages(pdfium, data, name)
    _check_character_map(pages, name)
    scale = _em_scale(pages)
    for page in pages:
        page.fragments = _fragments(page, scale)
        page.chars = []
    if not any(page.fragments for page in pages):
        if ocr:
            from .ocr import ocr_pdf
            return ocr_pdf(pdfium, data, name)
        raise ReadError(f"{name}: the PDF has no text layer (scanned pages?); read it with OCR: "
                        "--ocr (read_source(path, ocr=True)), with tesseract and its chi_sim data on PATH")
    body_size = _body_size(pages)
    builder = SourceBuilder()
    furniture = _furniture(pages, body_size)
    ordered: list[_Fragment] = []
    geometry = None
    for page in pages:
        if not page.fragments and page.images:
            # a scanned page among pages with text: its text is not in the file, say so
            builder.furniture("", "image", page.number, (0.0, 0.0, round(page.width, 2), round(page.height, 2)))
        for frag in page.fragments:
            if id(frag) in furniture:
                kind = furniture[id(frag)]
                builder.furniture(ordinary_characters(frag.text), kind, page.number, _box(frag))
        kept = [f for f in page.fragments if id(f) not in furniture]
        kept, asides = _split_asides(kept, page.frames, body_size)
        for aside in asides:
            builder.furniture(ordinary_characters("".join(_join(aside))), "aside", page.number,
                              (min(f.x0 for f in aside), min(f.top for f in aside),
                               max(f.x1 for f in aside), max(f.bottom for f in aside)))
        columns, confident = _columns(kept, body_size)
        if confident:
            geometry = columns
        elif geometry is not None:
            columns = geometry      # a page with a few lines (the last) keeps the page before's columns
        ordered.extend(_reading_order(kept, page, body_size, columns))
    for paragraph in _paragraphs(ordered, body_size):
        first = paragraph[0]
        text = ordinary_characters("".join(_join(paragraph)))
        if not text.strip():
            continue
        bolds = {f.bold for f in paragraph}
        builder.line(text, page=first.page, box=_union(f for f in paragraph if f.page == first.page),
                     size=round(first.size, 2), bold=bolds.pop() if len(bolds) == 1 else False,
                     indent=round((first.x0 - first.col_left) / first.size, 2) if first.size else None,
                     centred=_centred(first, body_size),
                     pieces=tuple((f.page, _box(f)) for f in paragraph))
    return builder.build("pdf")


def _box(f: _Fragment):
    return (round(f.x0, 2), round(f.top, 2), round(f.x1, 2), round(f.bottom, 2))


def _union(fragments):
    fragments = list(fragments)
    return (round(min(f.x0 for f in fragments), 2), round(min(f.top for f in fragments), 2),
            round(max(f.x1 for f in fragments), 2), round(max(f.bottom for f in fragments), 2))


def _centred(f: _Fragment, body_size: float) -> bool:
    left = f.x0 - f.col_left
    right = f.col_right - f.x1
    return left > body_size and right > body_size and abs(left - right) < 1.5 * body_size


# -- characters --------------------------------------------------------------------

def _pages(pdfium, data: bytes, name: str) -> list[_Page]:
    raw = pdfium.raw
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        message = str(e).lower()
        if "password" in message:
            raise ReadError(f"{name}: the PDF is encrypted (password-protected); "
                            "remove the password (e.g. qpdf --decrypt) and try again") from None
        if b"%%EOF" not in data[-4096:]:
            raise ReadError(f"{name}: a truncated PDF (its end is missing), damaged beyond reading; "
                            "download it again") from None
        raise ReadError(f"{name}: a damaged PDF that cannot be opened ({str(e).rstrip('.')}); "
                        "download it again or repair it (e.g. qpdf, or print it to PDF anew)") from None
    pages = []
    try:
        count = len(document)
        if count == 0:
            raise ReadError(f"{name}: a PDF with no pages (damaged or truncated?)")
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        ox, oy = ctypes.c_double(), ctypes.c_double()
        font_name = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        for index in range(count):
            try:
                page = document[index]
            except pdfium.PdfiumError:
                raise ReadError(f"{name}: page {index + 1} of the PDF cannot be read "
                                "(damaged or truncated file)") from None
            width, height = page.get_size()
            result = _Page(index + 1, width, height)
            textpage = page.get_textpage()
            tp = textpage.raw
            chars = result.chars
            last_font = None
            bold = None
            high = 0            # the high surrogate of a character beyond the BMP (𠀀), if pending
            for i in range(raw.FPDFText_CountChars(tp)):
                code = raw.FPDFText_GetUnicode(tp, i)
                if raw.FPDFText_IsGenerated(tp, i):
                    if code == 0x20:
                        chars.append((" ", None, None, None, 0.0, None, False))
                    continue
                if code in (0x0D, 0x0A, 0xFFFE, 0x02):
                    continue
                if 0xD800 <= code <= 0xDBFF:
                    high = code
                    continue
                if 0xDC00 <= code <= 0xDFFF:
                    if not high:
                        continue
                    code, high = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00), 0
                raw.FPDFText_GetCharBox(tp, i, left, right, bottom, top)
                raw.FPDFText_GetCharOrigin(tp, i, ox, oy)
                size = raw.FPDFText_GetFontSize(tp, i)
                raw.FPDFText_GetFontInfo(tp, i, font_name, 128, ctypes.byref(flags))
                font = (font_name.value, flags.value)
                if font != last_font:
                    last_font = font
                    weight = raw.FPDFText_GetFontWeight(tp, i)
                    lowered = font_name.value.lower()
                    bold = (True if weight >= 600 or b"bold" in lowered or b"heavy" in lowered
                            else (False if weight > 0 or lowered else None))
                chars.append((chr(code), left.value, right.value, height - oy.value, size, bold,
                              code >= 0x2E80))
            result.frames, result.rules, result.images = _frames(raw, page.raw, height)
            textpage.close()
            page.close()
            pages.append(result)
    finally:
        document.close()
    return pages


def _check_character_map(pages: list[_Page], name: str) -> None:
    """Refuse a text layer whose fonts map glyphs to no characters (no ToUnicode map):
    what comes out is private-use code points and U+FFFD, not text."""
    total = unmapped = 0
    for page in pages:
        for ch, x0, *_ in page.chars:
            if x0 is not None:
                total += 1
                if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff" or ch < " ":
                    unmapped += 1
    if total >= 20 and unmapped > 0.3 * total:
        raise ReadError(f"{name}: the PDF's text layer has no usable character codes (fonts "
                        "without a ToUnicode map); run OCR on the page images instead")


def _em_scale(pages: list[_Page]) -> float:
    """Points per unit of reported font size.

    Some producers (Chromium's Type 3 fonts) report font sizes that are not
    the glyphs' em; the pitch of consecutive ideographs on a line is.
    """
    ratios = []
    for page in pages:
        chars = page.chars
        for a, b in zip(chars, chars[1:]):
            if (a[1] is not None and b[1] is not None and "\u4e00" <= a[0] <= "\u9fff"
                    and "\u4e00" <= b[0] <= "\u9fff" and a[4] > 0 and abs(a[3] - b[3]) < 0.1 * a[4]):
                pitch = b[1] - a[1]
                if pitch > 0:
                    ratios.append(pitch / a[4])
        if len(ratios) > 2000:
            break
    if len(ratios) < 20:
        return 1.0
    ratio = statistics.median(ratios)
    return ratio if 0.3 < ratio < 1.5 else 1.0


def _fragments(page: _Page, scale: float) -> list[_Fragment]:
    """The page's characters cut into fragments: a new one where the baseline moves,
    the text goes back, or a gap wider than a character opens (a gutter)."""
    fragments: list[_Fragment] = []
    current: _Fragment | None = None
    number = page.number
    pending_space = None        # "typed" or "inserted" (by PDFium, for a gap)
    for ch, x0, x1, baseline, size, bold, wide in page.chars:
        if x0 is None or ch.isspace():
            if current is not None:
                if x0 is not None:
                    pending_space = "typed"
                    current.reach = max(current.reach, x1)
                elif pending_space is None:
                    pending_space = "inserted"
            continue
        size *= scale
        if pending_space is not None and current is not None:
            # the narrow gap a layout engine sets between ideographs and Latin letters or
            # digits (2024 年) is no space in the text; a wider one, or a typed one, is
            if not (pending_space == "inserted" and wide != (current.chars[-1] >= "\u2e80")
                    and x0 - current.reach < 0.45 * size):
                current.chars.append(" ")
            pending_space = None
        # a full-width character occupies its em even where its glyph is narrow (、，。)
        reach = x0 + 0.9 * size if wide and x1 < x0 + 0.9 * size else x1
        if current is not None and not (
                abs(baseline - current.baseline) < 0.4 * max(size, current.size)
                and current.x1 - 0.6 * size < x0 < current.reach + 0.9 * max(size, current.size)):
            if current.chars[-1] == " ":
                current.chars.pop()
            fragments.append(current)
            current = None
        if current is None:
            current = _Fragment(number, [ch], x0, baseline - 0.85 * size, x1, baseline + 0.2 * size,
                                baseline, size, bold, reach)
        else:
            current.chars.append(ch)
            if x1 > current.x1:
                current.x1 = x1
            current.reach = max(reach, current.x1)
            if bold is not current.bold:
                current.bold = False if current.bold is not None or bold is not None else None
    if current is not None:
        fragments.append(current)
    return fragments


def _frames(raw, page, height: float):
    """Rectangles drawn on the page large enough to frame text, and wide horizontal
    rules, each as (x0, top, x1, bottom); and how many images the page shows."""
    frames, rules = [], []
    images = 0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for i in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
        if kind != raw.FPDF_PAGEOBJ_PATH:
            continue
        if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        w, h = right.value - left.value, top.value - bottom.value
        if w > 30 and h > 30:
            frames.append((left.value, height - top.value, right.value, height - bottom.value))
        elif w > 200 and h < 4:
            rules.append((left.value, height - top.value, right.value, height - bottom.value))
    return frames, rules, images


def _body_size(pages: list[_Page]) -> float:
    weights: dict[float, int] = {}
    for page in pages:
        for f in page.fragments:
            key = round(f.size, 1)
            weights[key] = weights.get(key, 0) + len(f.chars)
    return max(weights, key=weights.get) if weights else 10.0


def _is_body(f: _Fragment, body_size: float) -> bool:
    return abs(f.size - body_size) <= 0.12 * body_size


# -- furniture ---------------------------------------------------------------------

def _furniture(pages: list[_Page], body_size: float) -> dict[int, str]:
    """id(fragment) → kind, for running headers, footers, page numbers and the masthead.

    A candidate is a band of fragments on one baseline in the top or bottom
    12 % of its page, set apart from the text below (above) it.  It is
    furniture when it looks like a page number; when its text, digits aside,
    recurs at that place on another page in small print; or when it is small
    print over the columns (on page 1: over the headline, and not a document
    number).  A band with furniture in it is furniture all through.  The
    masthead is what stands above the rule across the top of page 1.
    """
    candidates: list[tuple[_Fragment, str]] = []
    for page in pages:
        if not page.fragments:
            continue
        by_top = sorted(page.fragments, key=lambda f: f.top)
        gap = 1.2 * body_size
        for edge, ordered in (("header", by_top), ("footer", by_top[::-1])):
            # bands of fragments on one baseline, from the page's edge inwards; two at most
            k = 0
            for _ in range(2):
                if k >= len(ordered):
                    break
                first = ordered[k]
                band = [f for f in ordered[k:k + 12] if abs(f.baseline - first.baseline) < 0.5 * first.size]
                inside = (max(f.bottom for f in band) < 0.12 * page.height if edge == "header"
                          else min(f.top for f in band) > 0.88 * page.height)
                if not inside:
                    break
                rest = [f for f in ordered[k:] if f not in band]
                if rest:
                    nxt = rest[0]
                    apart = (nxt.top - max(f.bottom for f in band) > gap if edge == "header"
                             else min(f.top for f in band) - nxt.bottom > gap)
                else:
                    apart = True
                if not apart:
                    break
                candidates.extend((f, edge) for f in band)
                k += len(band)
    column_tops = {}
    for page in pages:
        body = [f for f in page.fragments if abs(f.size - body_size) < 0.05 * body_size and len(f.chars) > 3]
        column_tops[page.number] = min((f.top for f in body), default=page.height)
    # what recurs is small print at one place on the page: a headline at the top of page 1
    # is no running header even where the header repeats its words on the pages after it
    shapes: dict[tuple[str, str], list[_Fragment]] = {}
    for f, edge in candidates:
        if f.size <= 1.05 * body_size:
            shapes.setdefault((edge, _DIGITS.sub("#", f.text.replace(" ", ""))), []).append(f)

    def recurs(f: _Fragment, edge: str) -> bool:
        same = shapes.get((edge, _DIGITS.sub("#", f.text.replace(" ", ""))), [])
        return len({g.page for g in same if abs(g.top - f.top) < 1.5 * body_size}) >= 2
    found: dict[int, str] = {}
    for f, edge in candidates:
        text = f.text.replace("\u3000", " ").strip()
        if _PAGE_NUMBER.match(text):
            found[id(f)] = "page-number"
        elif recurs(f, edge):
            found[id(f)] = edge
        elif (edge == "header" and f.size < 0.95 * body_size and f.bottom < column_tops[f.page]
              and (f.page > 1 or _above_headline(f, pages[0], body_size))):
            found[id(f)] = edge     # a running header in small print above the columns
    # a band holding furniture is furniture all through (a header's date and paper side by side)
    for f, edge in candidates:
        if id(f) not in found and any(id(g) in found and g.page == f.page
                                      and abs(g.baseline - f.baseline) < 0.5 * g.size for g, _ in candidates):
            found[id(f)] = edge
    found.update(_masthead(pages[0], body_size))
    return found


_DOCUMENT_NUMBER = re.compile(r"[〔\[［(（]\d{4}[〕\]］)）]|第?\d+号|令")


def _above_headline(f: _Fragment, page: _Page, body_size: float) -> bool:
    """Whether small print at the top of page 1 stands over the headline (as a running
    header does) rather than being a document number (国发〔2024〕1号), which is text."""
    if _DOCUMENT_NUMBER.search(f.text):
        return False
    below = sorted((g for g in page.fragments if g.top > f.bottom), key=lambda g: g.top)
    return bool(below) and below[0].size >= 1.3 * body_size


def _masthead(page: _Page, body_size: float) -> dict[int, str]:
    """A newspaper's or gazette's masthead: what stands above a rule drawn across
    the top of the first page, with text of the page below it."""
    top_rules = sorted(r[1] for r in page.rules
                       if r[2] - r[0] > 0.6 * page.width and r[1] < 0.3 * page.height)
    if not top_rules:
        return {}
    # a double rule is two rules close together: the masthead ends at the lower one
    limit = top_rules[0]
    for rule in top_rules[1:]:
        if rule - limit < 1.5 * body_size:
            limit = rule
    above = [f for f in page.fragments if f.bottom <= limit + 1]
    below = sorted((f for f in page.fragments if f.bottom > limit + 1), key=lambda f: f.top)
    # the masthead's print just under the rule (a gazette's date of issue, the editor's
    # line) is part of it: what stands between the rule and the headline
    headline = next((f for f in below if f.size >= 1.3 * body_size
                     and f.top < limit + 0.15 * page.height), None)
    for f in below:
        if f is headline or (headline is None and f.size >= 0.9 * body_size):
            break
        if headline is not None and f.top >= headline.top:
            break
        above.append(f)
    below = [f for f in below if f not in above]
    if not above or sum(len(f.chars) for f in below) < 4 * sum(len(f.chars) for f in above):
        return {}
    return {id(f): "masthead" for f in above}


def _split_asides(fragments: list[_Fragment], frames, body_size: float):
    """The fragments inside a frame drawn on its own, holding a small part of the page's
    text, are an aside (a boxed news item).  Frames that touch others are a table's cells
    and hold the document's own text."""
    if not frames or not fragments:
        return fragments, []
    # a box is often drawn twice, filled and stroked: one frame
    distinct: list[tuple[float, float, float, float]] = []
    for frame in sorted(frames):
        if not any(all(abs(a - b) < 2 for a, b in zip(frame, seen)) for seen in distinct):
            distinct.append(frame)
    total = sum(len(f.chars) for f in fragments)
    asides = []
    taken: set[int] = set()
    for frame in distinct:
        x0, top, x1, bottom = frame
        if any(other is not frame and other[0] <= x1 + 2 and x0 <= other[2] + 2
               and other[1] <= bottom + 2 and top <= other[3] + 2 for other in distinct):
            continue
        inside = [f for f in fragments if id(f) not in taken and f.x0 >= x0 - 1 and f.x1 <= x1 + 1
                  and f.top >= top - 2 and f.bottom <= bottom + 2]
        if inside and sum(len(f.chars) for f in inside) < 0.35 * total:
            asides.append(sorted(inside, key=lambda f: (f.top, f.x0)))
            taken.update(id(f) for f in inside)
    for aside in asides:
        _set_column(aside, min(f.x0 for f in aside), max(f.x1 for f in aside))
    return [f for f in fragments if id(f) not in taken], asides


def _set_column(fragments, left: float, right: float, column: int = 0) -> None:
    for f in fragments:
        f.column, f.col_left, f.col_right = column, left, right


# -- reading order -----------------------------------------------------------------

# body lines a page needs for its own gutters to be trusted over the page before's
_CONFIDENT_LINES = 30


def _columns(fragments: list[_Fragment], body_size: float) -> tuple[list[tuple[float, float]], bool]:
    """The page's columns as (left, right), from the gutters no body-text fragment crosses,
    and whether the page has lines enough to tell."""
    body = [f for f in fragments if _is_body(f, body_size) and len(f.chars) > 1]
    confident = len(body) >= _CONFIDENT_LINES
    if len(body) < 3:
        body = fragments
    if not body:
        return [], False
    lo = min(f.x0 for f in body)
    hi = max(f.x1 for f in body)
    # lines wider than 60 % of the text are set across the columns (issuing lines under a
    # headline) or fill a single column: only the narrower ones show where gutters are
    narrow = [f for f in body if f.x1 - f.x0 < 0.6 * (hi - lo)]
    if len(narrow) < 0.3 * len(body):
        return [(lo, hi)], confident
    body = narrow
    step = 1.0
    bins = int((hi - lo) / step) + 2
    # how many lines cross each bin: +1 where a line starts, -1 after it ends, summed up
    delta = [0] * (bins + 1)
    for f in body:
        delta[int((f.x0 - lo) / step)] += 1
        delta[int((f.x1 - lo) / step) + 1] -= 1
    crossing = []
    running = 0
    for d in delta[:bins]:
        running += d
        crossing.append(running)
    # a few lines set across the columns (a wide heading) must not close a gutter
    busy = sorted(c for c in crossing if c)
    allowed = max(1, len(body) // 50, int(0.25 * busy[len(busy) // 2]) if busy else 0)
    columns = []
    start = None
    gap_start = None
    min_gutter = 0.6 * body_size
    for b in range(bins):
        empty = crossing[b] <= allowed
        if not empty and start is None:
            start = b
        if empty and start is not None:
            if gap_start is None:
                gap_start = b
            if (b - gap_start + 1) * step >= min_gutter:
                columns.append((lo + start * step, lo + gap_start * step))
                start = None
                gap_start = None
        elif not empty:
            gap_start = None
    if start is not None:
        columns.append((lo + start * step, hi))
    # a "column" narrower than a few characters is a stray mark, not a column
    return [c for c in columns if c[1] - c[0] >= 4 * body_size] or [(lo, hi)], confident


def _reading_order(fragments: list[_Fragment], page: _Page, body_size: float,
                   columns: list[tuple[float, float]]) -> list[_Fragment]:
    """Set-across text in bands, each band's columns one after another, top to bottom."""
    tolerance = 0.5 * body_size
    for f in fragments:
        f.column = -1
        for k, (left, right) in enumerate(columns):
            # in column k: starts in it and does not reach into the next one
            next_left = columns[k + 1][0] if k + 1 < len(columns) else float("inf")
            previous_right = columns[k - 1][1] if k else float("-inf")
            if previous_right + tolerance < f.x0 and f.x0 < right and f.x1 < next_left - tolerance \
                    and f.x0 >= left - tolerance:
                f.column = k
                break
    # each column's edges: where its body lines start and end (the justified right edge)
    edges = []
    for k, (left, right) in enumerate(columns):
        members = [f for f in fragments if f.column == k and _is_body(f, body_size)] or \
                  [f for f in fragments if f.column == k]
        # the right edge most lines reach: not the furthest, since punctuation may hang
        # beyond it, nor the median, since a column of short paragraphs ends short often
        ends = sorted(f.x1 for f in members)
        edges.append((min((f.x0 for f in members), default=left),
                      ends[int(0.7 * (len(ends) - 1))] if ends else right))
    whole = (min((e[0] for e in edges), default=0.0), max((e[1] for e in edges), default=page.width))
    for f in fragments:
        f.col_left, f.col_right = edges[f.column] if f.column >= 0 else whole
    fragments = _merge_pieces(fragments, body_size)
    _headline_block(fragments, whole, body_size)
    order: list[_Fragment] = []
    band: list[_Fragment] = []

    def flush() -> None:
        for k in range(len(columns)):
            order.extend(sorted((f for f in band if f.column == k), key=lambda f: (f.top, f.x0)))
        band.clear()

    for f in sorted(fragments, key=lambda f: (f.top, f.x0)):
        if f.column < 0:
            flush()
            order.append(f)
        else:
            band.append(f)
    flush()
    return order


def _merge_pieces(fragments: list[_Fragment], body_size: float) -> list[_Fragment]:
    """Pieces of one line cut at a wide space (第一节　收养) joined again: on one baseline,
    in the same column, a few characters apart."""
    out: list[_Fragment] = []
    for f in sorted(fragments, key=lambda f: (f.column, round(f.baseline), f.x0)):
        last = out[-1] if out else None
        if (last is not None and last.column == f.column and abs(last.baseline - f.baseline) < 0.3 * f.size
                and abs(last.size - f.size) < 0.12 * f.size and 0 <= f.x0 - last.reach < 3 * f.size):
            if last.chars[-1] != " ":
                last.chars.append(" ")
            last.chars.extend(f.chars)
            last.x1, last.reach = f.x1, f.reach
            last.top, last.bottom = min(last.top, f.top), max(last.bottom, f.bottom)
            if last.bold is not f.bold:
                last.bold = False if last.bold is not None or f.bold is not None else None
        else:
            out.append(f)
    return out


def _headline_block(fragments: list[_Fragment], whole: tuple[float, float], body_size: float) -> None:
    """Short centred lines under a line set across the columns (the issuing lines under a
    headline) are set across the columns too, although they fit in one: nothing stands
    beside them."""
    centre = (whole[0] + whole[1]) / 2
    ordered = sorted(fragments, key=lambda f: (f.top, f.x0))
    previous = None
    for k, f in enumerate(ordered):
        if f.column >= 0 and previous is not None and previous.column < 0 \
                and abs((f.x0 + f.x1) / 2 - centre) < body_size \
                and not any(g is not f and g.top < f.bottom and f.top < g.bottom
                            for g in ordered[max(0, k - 8):k + 8]):
            f.column, f.col_left, f.col_right = -1, whole[0], whole[1]
        previous = f


# -- paragraphs --------------------------------------------------------------------

def _paragraphs(fragments: list[_Fragment], body_size: float) -> list[list[_Fragment]]:
    """Group consecutive fragments (in reading order) into paragraphs."""
    paragraphs: list[list[_Fragment]] = []
    gaps = [b.top - a.bottom for a, b in zip(fragments, fragments[1:])
            if a.page == b.page and a.column == b.column >= 0 and _is_body(a, body_size)
            and _is_body(b, body_size) and 0 <= b.top - a.bottom < 3 * body_size]
    usual_gap = statistics.median(gaps) if gaps else 0.4 * body_size
    for f in fragments:
        if paragraphs and _continues(paragraphs[-1][-1], f, body_size, usual_gap):
            paragraphs[-1].append(f)
        else:
            paragraphs.append([f])
    return paragraphs


def _continues(prev: _Fragment, f: _Fragment, body_size: float, usual_gap: float) -> bool:
    """Whether ``f`` carries on the paragraph whose last line is ``prev``."""
    size = prev.size
    if abs(f.size - size) > 0.05 * size:
        return False
    if (f.page == prev.page and f.column == prev.column and size > 1.05 * body_size
            and prev.reach > prev.col_right - 2 * size and prev.x0 - prev.col_left < 2 * size
            and _centred(f, body_size) and 0 <= f.top - prev.bottom < 0.8 * size):
        return True                        # a heading wrapped in its column, centred on two lines
    if prev.column < 0 or f.column < 0:
        # lines set across the columns: only a big headline wrapped over lines is joined
        return (prev.column < 0 and f.column < 0 and size >= 1.5 * body_size and f.page == prev.page
                and 0 <= f.top - prev.bottom < 0.8 * size
                and prev.x1 - prev.x0 >= 0.5 * (prev.col_right - prev.col_left))
    if prev.col_right - prev.reach > 0.6 * size:
        return False                       # the line above ends short: its paragraph ends
    if f.bold and not prev.bold:
        return False                       # a bold line after plain ones: a heading begins
    if f.x0 - f.col_left > 0.8 * size:
        return False                       # indented or centred: a paragraph begins
    if _centred(prev, body_size):
        return False
    same_column = f.page == prev.page and f.column == prev.column
    if same_column and f.top - prev.bottom > usual_gap + 0.35 * size:
        return False                       # a gap between paragraphs
    if same_column and f.top < prev.top:
        return False
    return True


def _join(fragments: list[_Fragment]) -> list[str]:
    """The texts of a paragraph's lines, joined as one: no space between CJK lines."""
    parts: list[str] = []
    for f in fragments:
        text = f.text
        if parts and _ASCII_WORD_END.search(parts[-1]) and _ASCII_WORD_START.search(text):
            parts.append(" ")
        parts.append(text)
    return parts
