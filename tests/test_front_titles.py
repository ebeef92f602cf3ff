"""The title and front matter of newspaper pages as the tools read them: what the
rule fixtures show as tokens, asserted on the parsed title, subtitle and issuing lines."""
from __future__ import annotations

import pytest

import regparse

BODY = "第一条 为了规范示例工作，制定本法。\n第二条 本法自公布之日起施行。\n"

CASES = [
    # the title beside its subtitle, and beside a news headline (pdftotext -layout)
    ("中华人民共和国民法典        总则\n2020年5月28日 第十三届全国人民代表大会第三次会议通过\n",
     "中华人民共和国民法典", "总则", ["2020年5月28日 第十三届全国人民代表大会第三次会议通过"]),
    ("中华人民共和国宪法修正                 地铁三号线启动试运行\n案（1993年）\n"
     "1993年3月29日 第八届全国人民代表大会第一次会议通过\n",
     "中华人民共和国宪法修正案（1993年）", None, ["1993年3月29日 第八届全国人民代表大会第一次会议通过"]),
    # the title's end and the issuing line on one line
    ("最高人民法院关于办理减刑、假释案件具\n体应用法律的补充规定 2019年3月25日 最高人民法院审判委员会第1763次会议通过\n",
     "最高人民法院关于办理减刑、假释案件具体应用法律的补充规定", None,
     ["2019年3月25日 最高人民法院审判委员会第1763次会议通过"]),
    # the paper's date line and a news box among the issuing lines
    ("示例保护法\n2025年6月27日 星期五出版\n2021年8月20日 第十三届全国人民代表大会常务委员会第三十次会议通过\n"
     "青少年足球联赛落幕\n本报讯 为期两个月的联赛\n近日落幕。\n",
     "示例保护法", None, ["2021年8月20日 第十三届全国人民代表大会常务委员会第三十次会议通过"]),
    # OCR's breaks of the state's name and of the note's brackets
    ("临海省人民政府公报\n中华人民共和\n玉\n社会保险法\n2010年10月28日 第十一届全国人民代表大会常务委员会第十七次会议通过\n",
     "中华人民共和国社会保险法", None, ["2010年10月28日 第十一届全国人民代表大会常务委员会第十七次会议通过"]),
    ("共和国防沙治沙法\n", "中华人民共和国防沙治沙法", None, []),
    ("中华人民共和农村土地承包法\n", "中华人民共和国农村土地承包法", None, []),
    ("中华人民共和国宪法修正案 (1999年)\n", "中华人民共和国宪法修正案（1999年）", None, []),
]


@pytest.mark.parametrize("top,title,subtitle,info", CASES, ids=[c[1][:12] for c in CASES])
def test_the_front_matter_of_a_page_is_the_regulations(top, title, subtitle, info):
    doc = regparse.parse(top + BODY)
    assert (doc.title, doc.subtitle, doc.info) == (title, subtitle, info)


@pytest.mark.parametrize("title", ["数据安全法", "人民法院组织法", "中华人民共和国立法法", "示例办法（试行）"])
def test_a_title_with_no_broken_prefix_is_kept(title):
    assert regparse.parse(f"西川日报\n{title}\n{BODY}").title == title


@pytest.mark.parametrize("text", ["示例解释(三)\n第一条 示例。", "云岭省人", "云岭省人\n民政府公报", "中华人民共和国民法典     总则",
                                  "中华人民共和国宪法修正     地铁", "示例条\n例 2019年3月25日 通过", "本报讯 示例。", "中华人\n玉"])
def test_a_short_top_parses(text):
    from conftest import lost_characters

    assert not lost_characters(text, regparse.parse(text))
