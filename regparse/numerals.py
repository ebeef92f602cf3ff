"""Chinese numerals as regulations print them, both ways.

``to_int`` reads 十一, 一百零一, 一千二百六十, 二〇, 两, 11 and １１ alike;
``to_chinese`` writes the canonical form used in citations (第一百零一条).
"""
from __future__ import annotations

from functools import lru_cache

__all__ = ["to_int", "to_chinese", "CIRCLED", "DIGIT_VALUES", "UNIT_VALUES"]

#: the Chinese digits as printed, with their values: the one spelling of them
#: (〇 ○ Ｏ are zeros as typeset and as OCR reads them; 两 is a two)
DIGIT_VALUES = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
                "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
#: the units of a Chinese numeral
UNIT_VALUES = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_DIGITS = DIGIT_VALUES
_UNITS = UNIT_VALUES
_CN = "零一二三四五六七八九"
#: circled numbers used as sub-item labels (①…⑳)
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_WIDE = str.maketrans("０１２３４５６７８９", "0123456789")


@lru_cache(maxsize=4096)
def to_int(s: str) -> int | None:
    """The value of a numeral, or None if ``s`` is not one.

    >>> to_int("一百零一"), to_int("十"), to_int("１２"), to_int("二〇")
    (101, 10, 12, 20)
    """
    s = "".join(s.split()).translate(_WIDE)
    if not s:
        return None
    if s.isascii():
        return int(s) if s.isdigit() else None
    if len(s) == 1 and s in CIRCLED:
        return CIRCLED.index(s) + 1
    total = section = num = 0
    seen_unit = False
    for ch in s:
        if ch in _DIGITS:
            num = _DIGITS[ch] if not (num and not seen_unit) else num * 10 + _DIGITS[ch]
        elif ch in _UNITS:
            unit = _UNITS[ch]
            seen_unit = True
            if unit == 10000:
                total += (section + num) * unit
                section = 0
            else:
                section += (num or (1 if unit == 10 else 0)) * unit
                if unit != 10 and num == 0:
                    return None
            num = 0
        else:
            return None
    return total + section + num


@lru_cache(maxsize=4096)
def to_chinese(n: int) -> str:
    """The canonical Chinese numeral (1 → 一, 10 → 十, 101 → 一百零一, 1260 → 一千二百六十).

    >>> to_chinese(11), to_chinese(110), to_chinese(1001)
    ('十一', '一百一十', '一千零一')
    """
    if n < 0:
        raise ValueError("negative numeral")
    if n == 0:
        return "零"
    if n >= 10000:
        high, low = divmod(n, 10000)
        rest = to_chinese(low) if low else ""
        if low and low < 1000:
            rest = "零" + (_with_leading_one(low) if low >= 10 else rest)
        return to_chinese(high) + "万" + rest
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
    text = to_chinese(n)
    return "一" + text if text.startswith("十") else text
