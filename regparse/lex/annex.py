"""An appendix's own structure: a list of units, or a table of rows.

An appendix that is a regulation of its own (its 第一条 …) is parsed as one
(:func:`regparse.lex.starts.annex_articles`); the other appendices are read
here, from their lines after the label line:

- a list numbered 1． / 一、 / （一）, as 刑法's 附件一 and 附件二 list the acts
  they repeal or keep and the 基本法's 附件一 numbers its rules, is parsed
  as an enumerated document, its units points (:func:`annex_list`);
- lines of cells, separated by runs of spaces or tabs or printed as
  Markdown ``| … |`` rows, are a table: a list of rows of cells
  (:func:`annex_table`).

>>> from regparse.normalize import clean_lines
>>> lines = clean_lines("附录\\n矿种目录\\n1 煤 18 锌\\n2 石油 19 铝")[0][1:]
>>> annex_list(LexState(), lines), annex_table(LexState(), lines)
(False, [['矿种目录'], ['1', '煤', '18', '锌'], ['2', '石油', '19', '铝']])
"""
from __future__ import annotations

from ..catalogue import TABLE_CELL_GAP, TABLE_RULE_ROW
from ..normalize import Line
from .enumerated import label_of
from .registry import rule
from .state import LexState

__all__ = ["annex_list", "annex_table", "table_cells", "LIST_MIN", "TABLE_ROWS_MIN"]

#: a list has at least this many labelled lines
LIST_MIN = 2
#: a table has at least this many lines of two cells or more, in a run
TABLE_ROWS_MIN = 2


@rule
def annex_list(state: LexState, lines: list[Line]) -> bool:
    """An appendix whose lines start with unit labels (1． / 一、 / （一）) is a list: its units are points.

    Why: 刑法's 附件一 lists the acts it repeals one per numbered line, the
    基本法's 附件一 numbers its rules 一、 二、; the labels are the appendix's
    own structure, cited as 附件一1, 附件一二.  One labelled line is no list
    (a form with one numbered note).

    - a list: 「附件二」 / 「…下列补充规定和决定予以保留…」 / 「1．关于禁毒的决定」 / 「2．关于严禁卖淫嫖娼的决定」;
    - no list: 「附件一」 / 「示例登记表」 / 「姓名　性别　年龄」.

    ``lines`` are the appendix's lines after its label line.
    """
    labelled = [ln for ln in lines if label_of(ln) is not None]
    if len(labelled) < LIST_MIN:
        return False
    state.decide("annex_list", f"{len(labelled)} labelled lines: the appendix is a list of points",
                 (lines[0].start, lines[-1].end))
    return True


def table_cells(text: str) -> list[str]:
    """The cells of a line: split at runs of spaces, tabs or full-width spaces, or
    between the bars of a Markdown row (| 煤 | 18 |); a rule row (|---|---|) has none.

    >>> table_cells("| 煤 | 18 |"), table_cells("工商、金融界 200人"), table_cells("|---|:--:|")
    (['煤', '18'], ['工商、金融界', '200人'], [])
    """
    text = text.strip()
    if text.startswith("|"):
        if TABLE_RULE_ROW.match(text):
            return []
        return [cell.strip() for cell in text.strip("|").split("|")]
    return [cell for cell in TABLE_CELL_GAP.split(text) if cell]


@rule
def annex_table(state: LexState, lines: list[Line]) -> list[list[str]] | None:
    """An appendix whose lines hold cells apart (runs of spaces or tabs, | … | rows) is a table: its rows.

    Why: a 目录 or 附表 printed as text keeps its columns apart with spaces
    (1 煤 18 锌 / 2 石油 19 铝) or as Markdown rows; read as text its rows run
    together.  Every line after the label is a row (a caption is a row of
    one cell); it takes two lines of two cells or more, one after the other,
    and such lines at least half the rows, to make a table: a form whose
    date line reads 年 月 日 is text.

    - a table: 「附录」 / 「国务院地质矿产主管部门审批发证矿种目录」 / 「1 煤 18 锌」 / 「2 石油 19 铝」;
    - no table: 「附件2」 / 「文书样式」 / 「…（写明建议的具体事项…）。」 / 「年 月 日」 / 「联系人：××× ××××」.

    ``lines`` are the appendix's lines after its label line.
    """
    rows = [table_cells(ln.text) for ln in lines]
    run = best = 0
    for cells in rows:
        run = run + 1 if len(cells) >= 2 else 0
        best = max(best, run)
    rows = [cells for cells in rows if cells]
    if best < TABLE_ROWS_MIN or 2 * sum(len(cells) >= 2 for cells in rows) < len(rows):
        return None
    state.decide("annex_table", f"{best} lines of cells in a run: the appendix is a table of {len(rows)} rows",
                 (lines[0].start, lines[-1].end))
    return rows
