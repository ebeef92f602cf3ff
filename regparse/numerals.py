"""Chinese numerals as regulations print them, both ways.

``to_int`` reads 十一, 一百零一, 一千二百六十, 二〇, 两, 11 and １１ alike;
``to_chinese`` writes the canonical form used in citations (第一百零一条).
"""
from __future__ import annotations

from functools import lru_cache

__all__ = ["to_int", "too_large", "to_chinese", "LIMIT", "CIRCLED", "DIGIT_VALUES", "UNIT_VALUES"]

#: the Chinese digits as printed, with their values: the one spelling of them
#: (〇 ○ Ｏ are zeros as typeset and as OCR reads them; 两 is a two)
DIGIT_VALUES = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
                "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
#: the units of a Chinese numeral
UNIT_VALUES = {"十": 10, "百": 100, "千": 1000, "万": 10000, "亿": 100000000}
_DIGITS = DIGIT_VALUES
_UNITS = UNIT_VALUES
_CN = "零一二三四五六七八九"
#: circled numbers used as sub-item labels (①…⑳)
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_WIDE = str.maketrans("０１２３４５６７８９", "0123456789")


#: numerals at or above this value are not numbers regulations print (no
#: regulation has a trillion articles): they read as no numeral at all, so a
#: run of thousands of digits stays text instead of becoming a huge int
LIMIT = 10 ** 12
# the longest spelling of a number below LIMIT, with room for 零 and spaces
_LONGEST = 40


@lru_cache(maxsize=4096)
def to_int(s: str) -> int | None:
    """The value of a numeral, or None if ``s`` is not one (or is :data:`LIMIT` or more).

    >>> to_int("一百零一"), to_int("十"), to_int("１２"), to_int("二〇"), to_int("一万零一"), to_int("9" * 5000)
    (101, 10, 12, 20, 10001, None)
    """
    if len(s) > 4 * _LONGEST:
        return None
    s = "".join(s.split()).translate(_WIDE)
    if not s or len(s) > _LONGEST:
        return None
    if s.isascii():
        return int(s) if s.isdigit() and len(s) <= 12 else None
    if len(s) == 1 and s in CIRCLED:
        return CIRCLED.index(s) + 1
    value = _value(s)
    return value if value is not None and value < LIMIT else None


def too_large(s: str) -> bool:
    """Whether ``s`` is a well-formed numeral that reads as no number only
    because it is :data:`LIMIT` or more (a run of digits of any length, 一亿亿).

    >>> too_large("一亿亿"), too_large("9" * 5000), too_large("一百"), too_large("千千"), too_large("条")
    (True, True, False, False, False)
    """
    s = "".join(s.split()).translate(_WIDE)
    if not s or to_int(s) is not None:
        return False
    if s.isdigit():
        return s.isascii() and s.lstrip("0") != "" and (len(s) > 12 or int(s) >= LIMIT)
    if any(ch not in _DIGITS and ch not in _UNITS for ch in s):
        return False
    if all(ch in _DIGITS for ch in s):
        # digits read one by one (二〇二〇): a numeral of more than twelve of them
        return len(s.lstrip("零〇○Ｏ")) > 12
    if len(s) > _LONGEST:
        return any(ch in _DIGITS and _DIGITS[ch] for ch in s)
    # the reading of to_int without its bound, where a numeral of units is well formed
    return _value(s) is not None


def _value(s: str) -> int | None:
    """The value of a numeral of Chinese digits and units, unbounded; None where
    it is not well formed (a character that is neither, 千千)."""
    high = total = section = num = 0
    seen_unit = False
    for ch in s:
        if ch in _DIGITS:
            num = _DIGITS[ch] if not (num and not seen_unit) else num * 10 + _DIGITS[ch]
        elif ch in _UNITS:
            unit = _UNITS[ch]
            seen_unit = True
            if unit == 100000000:
                high = (high + total + section + num) * unit
                total = section = 0
            elif unit == 10000:
                total += (section + num) * unit
                section = 0
            else:
                section += (num or (1 if unit == 10 else 0)) * unit
                if unit != 10 and num == 0:
                    return None
            num = 0
        else:
            return None
    return high + total + section + num


@lru_cache(maxsize=4096)
def to_chinese(n: int) -> str:
    """The canonical Chinese numeral (1 → 一, 10 → 十, 101 → 一百零一, 1260 → 一千二百六十).

    Raises ValueError for a negative number or one of :data:`LIMIT` or more.

    >>> to_chinese(11), to_chinese(110), to_chinese(1001), to_chinese(100010000)
    ('十一', '一百一十', '一千零一', '一亿零一万')
    """
    if n < 0:
        raise ValueError("negative numeral")
    if n >= LIMIT:
        raise ValueError("numeral too large")
    if n == 0:
        return "零"
    # groups of four digits, 亿 and 万 between them (at most three groups below LIMIT)
    groups = []
    while n:
        n, low = divmod(n, 10000)
        groups.append(low)
    out = []
    for group, name in zip(reversed(groups), ("亿", "万", "")[3 - len(groups):]):
        if not group:
            if out and out[-1] != "零":
                out.append("零")
            continue
        if out and group < 1000 and out[-1] != "零":
            out.append("零")
        out.append((_below_ten_thousand(group) if not out else _with_leading_one(group)) + name)
    text = "".join(out).rstrip("零")
    return text


def _below_ten_thousand(n: int) -> str:
    out = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            if zero:
                out.append("零")
                zero = False
            out.append(_CN[d] + name)
        elif out:
            zero = True
    text = "".join(out)
    # 一十一 is written 十一 when it stands alone, but 一百一十 keeps its 一
    return text[1:] if text.startswith("一十") else text


def _with_leading_one(n: int) -> str:
    text = _below_ten_thousand(n)
    return "一" + text if text.startswith("十") else text
