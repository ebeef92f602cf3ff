"""Stage 5b, metadata: what the text says of itself, read as data.

The facts come from three places a regulation prints them: the promulgation
order or notice before its title (:func:`regparse.lex.front.promulgation_order`),
the issuing lines under the title (2021年7月22日 国家市场监督管理总局令第43号公布,
（1997年3月14日…通过　根据…修正）) and the article that says when it takes
effect (本条例自2021年1月1日起施行).  It reads a few lines, once, after the
end of the body is known.  Each fact is a named rule, which records what it
read and from where; a fact the text does not print stays None.

>>> from regparse.normalize import clean_lines
>>> from regparse.lex import tokenize
>>> _, state = tokenize(clean_lines("示例办法\\n2021年7月22日 国家市场监督管理总局令第43号公布\\n"
...                                 "第一条　为了示例，制定本办法。\\n第二条　本办法自2021年9月1日起施行。")[0])
>>> facts = state.front_matter
>>> facts.number, facts.issuers, facts.promulgated, facts.effective, facts.type
('国家市场监督管理总局令第43号', ['国家市场监督管理总局'], '2021-07-22', '2021-09-01', '部门规章')
"""
from __future__ import annotations


from ..catalogue import (AMENDED_BY, AMENDMENT_WORDS, DATE, DATED_EVENTS, DOCUMENT_TYPES, EFFECTIVE_ON_ISSUE,
                         FILE_NUMBER, IN_FORCE_AT_ONCE, LIST_JOINERS, MEETING, MEETING_BODY, NOTICE_HEAD, ORDER_HEAD,
                         ORDER_NUMBER, ORDINAL_TIMES, ORGAN_END, PROMULGATION_WORDS, QUOTED_TITLE, SESSION, STATE_PREFIX,
                         STATUS_IN_TITLE, STATUS_PRINTED, TAKES_EFFECT, TITLE_ISSUERS, iso_date, iso_dates)
from ..model import FrontMatter
from .registry import rule
from .state import LexState

__all__ = ["document_metadata", "document_number", "issuing_bodies", "document_dates", "amendment_history",
           "document_type", "document_status", "Event", "events", "TAIL_LINES", "HEAD_LINES"]

#: the article that says when the regulation takes effect is among its last lines
TAIL_LINES = 4
#: a file number printed on a line of its own (法释〔2022〕18号) stands among the first lines of the body
HEAD_LINES = 4

#: one dated event of an issuing line: (ISO date or None, what happened or None, the text after the date)
Event = tuple["str | None", "str | None", str]


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _outside_titles(text: str) -> str:
    """``text`` with what 《…》 quote taken out: the words of a cited act
    (《关于修改和废止有关规章的决定》) say nothing of this one."""
    return QUOTED_TITLE.sub("《》", text) if "《" in text else text


def events(text: str) -> list[Event]:
    """The dated events of an issuing line or an order: each date with the
    first issuing word after it (通过, 公布, 修正 …), read outside 《》.

    >>> events("（1997年3月14日第八届全国人民代表大会第五次会议通过　根据2009年8月27日"
    ...        "《关于修改部分法律的决定》第一次修正）")[1][:2]
    ('2009-08-27', '修正')
    """
    matches = list(DATE.finditer(text))
    out: list[Event] = []
    for k, match in enumerate(matches):
        after = text[match.end():matches[k + 1].start() if k + 1 < len(matches) else len(text)]
        bare = _outside_titles(after)
        word, at = None, len(bare)
        for candidate in DATED_EVENTS:
            i = bare.find(candidate)
            if 0 <= i < at:
                word, at = candidate, i
        if word == "通过" and bare.startswith(AMENDED_BY, at):
            word = "修正"    # …会议通过的《…修正案》: the act adopted that day amended this one
        elif word in ("公布", "发布", "颁布") and IN_FORCE_AT_ONCE.match(bare, at):
            word = "公布施行"
        out.append((iso_date(match), word, after))
    for k in range(len(out) - 2, -1, -1):
        date, word, after = out[k]
        if word is None and after.rstrip()[-1:] in LIST_JOINERS:
            out[k] = (date, out[k + 1][1], after)   # 2024年1月8日…第1911次会议、2024年7月23日…会议通过
    return out


def document_metadata(state: LexState, head: list[str], tail: list[str]) -> None:
    """Read the facts of the front matter into ``state.front_matter``;
    ``head`` and ``tail`` are the texts of the first and the last lines of the body."""
    order: list[str] = []
    for k, line in enumerate(state.order):
        if k and state.width and state.order[k - 1].raw_len >= state.width:
            order[-1] += line.text    # a line of the order that a hard wrap cut
        else:
            order.append(line.text)
    info = [line.text for kind, line in state.front_tokens if kind == "info"]
    # the order read as one text: its dates and what follows them, across the lines it was broken onto
    order_events = events("".join(order)) if order else []
    info_events = [event for text in info for event in events(text)]
    dated = order_events + info_events
    lines = state.order + [line for kind, line in state.front_tokens]
    # where the decisions point: the front matter they were read from
    at = (lines[0].start, lines[-1].end) if lines else (0, 0)
    number = document_number(state, order, info_events, head, at)
    issuers = issuing_bodies(state, order, info_events, at)
    adopted, promulgated, effective = document_dates(state, order_events, info_events, tail, at)
    amendments = amendment_history(state, dated, at)
    kind = document_type(state, number, issuers, at)
    status = document_status(state, order + info, at)
    span = (state.order[0].start, state.order[-1].end) if state.order else None
    state.front_matter = FrontMatter(order="\n".join(order), order_span=span, number=number, issuers=issuers,
                                     adopted=adopted, promulgated=promulgated, effective=effective,
                                     amendments=amendments, type=kind, status=status)


@rule
def document_number(state: LexState, order: list[str], info: list[Event], head: list[str],
                    at: tuple[int, int]) -> str | None:
    """The document number, as printed, spaces taken out.

    Why: an order prints its number under its head (中华人民共和国国务院令 /
    第752号), a notice or an announcement under it (中办发〔2019〕8号,
    法释〔2020〕17号); an issuing line names the order that promulgated the
    text (2021年7月22日 国家市场监督管理总局令第43号公布; the one of the
    promulgation before an amending one); a judicial interpretation prints
    its 法释〔〕 number alone on a line over its text.

    - number: 「2021年7月22日 国家市场监督管理总局令第43号公布」 gives 国家市场监督管理总局令第43号;
    - none: 「2020年5月28日第十三届全国人民代表大会第三次会议通过」.
    """
    found: str | None = None
    where = ""
    if order:
        head = ORDER_HEAD.match(order[0])
        if head is not None and "号" in order[0]:
            found, where = _squeezed(order[0]), "the head of the order"
        elif head is not None and len(order) > 1 and order[1].strip().startswith("第") and \
                order[1].strip().endswith("号"):
            found, where = _squeezed(order[0] + order[1]), "the order's head and number"
        else:
            for text in order:
                match = FILE_NUMBER.search(text)
                if match:
                    found, where = _squeezed(match.group(0)), "the notice"
                    break
    if found is None and info:
        for _, word, after in sorted(info, key=lambda event: event[1] not in PROMULGATION_WORDS):
            if "号" not in after:
                continue    # every number ends so: most issuing lines have none
            match = ORDER_NUMBER.search(after) or FILE_NUMBER.search(after)
            if match:
                found, where = _squeezed(match.group(0)), "an issuing line"
                break
    if found is None:
        for text in head:
            if FILE_NUMBER.fullmatch(_squeezed(text)):
                found, where = _squeezed(text), "the line over the text"
                break
    if found is not None:
        state.decide("document_number", f"the document number {found} read from {where}", at)
    return found


def _body_of_meeting(text: str) -> str | None:
    """The body whose meeting adopted a text (第十三届全国人民代表大会第三次会议 →
    全国人民代表大会; 最高人民法院审判委员会第1441次会议 → 最高人民法院)."""
    match = MEETING.search(text) if "会议" in text else None
    if match is None:
        return None
    body = SESSION.sub("", text[:match.start()]).strip(" \u3000（(：:，,由经于在")
    for suffix, instead in MEETING_BODY.items():
        if body.endswith(suffix) and len(body) > len(suffix):
            body = body[:-len(suffix)] + instead
    body = _squeezed(body)
    return body if 2 <= len(body) <= 40 and "《" not in body else None


@rule
def issuing_bodies(state: LexState, order: list[str], info: list[Event], at: tuple[int, int]) -> list[str]:
    """The bodies that adopted or issued the text, as printed, in order.

    Why: the head of an order is its issuer and 令 (中华人民共和国国务院令); a
    notice names its issuer before 关于印发 or on the line above; an issuing
    line names the meeting that adopted the text (第十三届全国人民代表大会第三次会议通过:
    the session, 第十三届, is not part of the name; a court's 审判委员会 is
    the court's) or the order that promulgated it.  Amending meetings are
    the amendment history's, not issuers.  A text with none of these that
    names its issuers in its title (最高人民法院关于…) has those.

    - issuers: 「2007年12月17日 最高人民法院审判委员会第1441次会议通过」 gives 最高人民法院;
    - none: 「2023年5月1日起施行」.
    """
    found: list[str] = []
    if order:
        head = ORDER_HEAD.match(order[0])
        if head is not None:
            found.extend(head.group("issuer").split("、"))
        else:
            notice = next((k for k, text in enumerate(order[:2]) if NOTICE_HEAD.search(text)), None)
            if notice is not None:
                before = order[notice][:order[notice].find("关于")].strip() or (order[0] if notice else "")
                found.extend(part for part in before.replace("、", " ").split() if part)
    if not found:
        for _, word, after in info:
            if word != "通过" and word not in PROMULGATION_WORDS:
                continue
            number = ORDER_NUMBER.search(after) if "号" in after else None
            if number is not None:
                found.extend(_squeezed(part) for part in number.group("issuer").split("、"))
            elif "公告" in after[:after.find(word)]:
                found.append(_squeezed(after[:after.find("公告")]))
            else:
                body = _body_of_meeting(_outside_titles(after))
                named = _squeezed(after[:after.find(word)])
                if body:
                    found.append(body)
                elif 2 <= len(named) <= 40 and ORGAN_END.search(named) and "《" not in named:
                    found.extend(named.split("、"))   # 1985年7月27日 国务院发布; 中共中央、国务院发布
    if not found and state.title:
        # a title that names its issuers before 关于 (最高人民法院、最高人民检察院关于…的解释)
        named = TITLE_ISSUERS.match(state.title)
        parts = named.group("issuers").replace("、", " ").split() if named else []
        if parts and all(ORGAN_END.search(part) for part in parts):
            found.extend(parts)
    seen: set[str] = set()
    issuers = []
    for name in found:
        # 中华人民共和国全国人民代表大会 (公告) is the 全国人民代表大会 (会议) named before it
        key = name[len(STATE_PREFIX):] if name.startswith(STATE_PREFIX) and len(name) > len(STATE_PREFIX) else name
        if name and key not in seen:
            seen.add(key)
            issuers.append(name)
    if issuers:
        state.decide("issuing_bodies", f"issued by {'、'.join(issuers)}", at)
    return issuers


@rule
def document_dates(state: LexState, order: list[Event], info: list[Event], tail: list[str],
                   at: tuple[int, int]) -> tuple[str | None, str | None, str | None]:
    """The adoption, promulgation and effective dates, as ISO dates.

    Why: each date of the order and the issuing lines is followed by what
    happened on it (2020年5月28日…通过, …令第43号公布, 2022年1月1日 施行,
    自2021年1月1日起施行); a date of the order followed by none of them is
    the one under its signature, the day it was promulgated.  Where the front matter gives no effective date
    the last articles do (本条例自2021年1月1日起施行; 自公布之日起施行 is the
    promulgation date, where that is printed).  The first date of each is taken.

    - dates: 「2020年5月28日第十三届全国人民代表大会第三次会议通过」 is the adoption date;
    - none: 「第一条　为了规范示例工作，制定本办法。」.
    """
    found: dict[str, str | None] = {"adopted": None, "promulgated": None, "effective": None}
    for dated, signed in ((order, True), (info, False)):
        for date, word, after in dated:
            what = DATED_EVENTS.get(word) if word else None
            if word == "公布施行":
                what = "promulgated"
                if found["effective"] is None:
                    found["effective"] = date
            if what is None and signed:
                what = "promulgated"    # the date under the order's signature
            if what in found and found[what] is None:
                found[what] = date
    why = "the front matter"
    if found["effective"] is None:
        for text in reversed(tail):
            match = TAKES_EFFECT.search(text)
            if match:
                dates = iso_dates(match.group("date"))
                found["effective"] = dates[0] if dates else None
                why = "the front matter and the last articles"
                break
            if EFFECTIVE_ON_ISSUE.search(text):
                found["effective"] = found["promulgated"]
                why = "the front matter and the last articles (in force on promulgation)"
                break
    if any(found.values()):
        state.decide("document_dates", ", ".join(f"{k} {v}" for k, v in found.items() if v) + f" read from {why}",
                     at)
    return found["adopted"], found["promulgated"], found["effective"]


@rule
def amendment_history(state: LexState, dated: list[Event], at: tuple[int, int]) -> list[dict[str, str]]:
    """Every amendment printed in the front matter, in order: its date, its
    kind (修正, 修订, 修改) and the amending act.

    Why: the issuing lines list them (根据2009年8月27日…《…关于修改部分法律的决定》第一次修正,
    2019年4月23日第十三届…会议修订); the act is the one cited in 《》, else
    the meeting that made the amendment.  An act adopted later that
    amended the text (…会议通过的《中华人民共和国刑法修正案（二）》) is a 修正.

    - amendment: 「根据2009年8月27日《全国人民代表大会常务委员会关于修改部分法律的决定》修正」;
    - none: 「2020年5月28日第十三届全国人民代表大会第三次会议通过」.
    """
    history = []
    for date, word, after in dated:
        if word not in AMENDMENT_WORDS or date is None:
            continue
        act = QUOTED_TITLE.search(after)
        if act is not None:
            name = act.group(1)
        else:
            name = ORDINAL_TIMES.sub("", _squeezed(after[:after.find(word)]).strip("（(，,由经于在根据"))
        history.append({"date": date, "kind": word, "act": name})
    if history:
        state.decide("amendment_history", f"{len(history)} amendments, the last on {history[-1]['date']}", at)
    return history


@rule
def document_type(state: LexState, number: str | None, issuers: list[str], at: tuple[int, int]) -> str | None:
    """The type of the document (法律, 行政法规, 司法解释 …) from its number,
    its issuers and its title, by :data:`regparse.catalogue.DOCUMENT_TYPES`.

    Why: the type is in who issued it and how: 主席令 or a 全国人民代表大会
    meeting make a 法律, 国务院令 a 行政法规, a ministry's 令 a 部门规章,
    法释〔〕 or the 最高人民法院 a 司法解释, a provincial congress a 地方性法规,
    中办发〔〕 or a title 中国共产党… a 党内法规.  A text that shows none of
    these has no type.

    - type: 「2008年8月3日 中华人民共和国国务院令第529号公布」 gives 行政法规;
    - none: 「示例办法」 with no issuing line.
    """
    title = state.title or ""
    for name, by_number, by_issuer, by_title in DOCUMENT_TYPES:
        if (number and by_number is not None and by_number.search(number)) \
                or (by_issuer is not None and any(by_issuer.search(issuer) for issuer in issuers)) \
                or (title and by_title is not None and by_title.search(title)):
            state.decide("document_type", f"a {name}, from its number, issuers or title", at)
            return name
    return None


@rule
def document_status(state: LexState, front: list[str], at: tuple[int, int]) -> str | None:
    """What the text prints of its status: 试行 or 暂行 in its title, 已废止
    or 失效 in its front matter (outside the acts it cites).

    Why: a regulation on trial or interim says so in its title (…（试行）,
    暂行条例); a repealed one is marked where it is printed.  Nothing else
    is inferred (an old date is no repeal).

    - status: 「医疗机构制剂配制质量管理规范（试行）」;
    - none: 「物业管理条例」.
    """
    title = state.title or ""
    match = STATUS_IN_TITLE.search(title)
    status = match.group(1) if match else None
    if status is None:
        for text in front:
            printed = STATUS_PRINTED.search(_outside_titles(text))
            if printed:
                status = printed.group(1)
                break
    if status is not None:
        state.decide("document_status", f"the text says it is {status}", at)
    return status
