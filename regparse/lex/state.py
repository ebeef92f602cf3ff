"""The one state the lexer's stages read and write, and the logical line.

:class:`LexState` holds what the stages learn about one regulation as they
go (the wrap width, the last article taken, the title, the front-matter
tokens) and what they report (noise, decisions).  It decides nothing: the
decisions are the rules in :mod:`regparse.lex.rules` and the stages.
"""
from __future__ import annotations

from ..model import Decision, Noise
from ..normalize import Line, line_noise
from .marks import Mark

__all__ = ["LexState", "LogicalLine"]


class LogicalLine:
    """A line as the lexer sees it after joining: text, source pieces, marker."""

    __slots__ = ("text", "_pieces", "start", "end", "mark", "kind", "phys", "last_raw_len", "heading", "_own",
                 "title_end", "title")

    def __init__(self, line: Line, mark: Mark | None, kind: str) -> None:
        self.text = line.text
        # None for one range, as in a Line (the list made when read)
        self._pieces = line._pieces
        # where the pieces start and end (read for every token): kept as they change
        self.start = line.start
        self.end = line.end
        self.mark = mark
        self.kind = kind                 # article, chapter…, item-like style, text, title, …
        self.phys = 1
        self.last_raw_len = line.raw_len
        self.heading = line.heading
        self._own = False                # whether ``_pieces`` is this line's own list yet
        # an article's bracketed heading 【…】 ends here, counted from the text after its marker (0: none)
        self.title_end = 0
        # a division's title where OCR misread or cut it (总风 → 总则), else None: the text keeps the print
        self.title: str | None = None

    def join(self, line: Line) -> None:
        """Append ``line`` (its pieces are appended, never copied again: a
        paragraph of many physical lines joins in linear time)."""
        # the text held by a local alone: str concatenation then grows it in
        # place instead of copying it (a line of 10⁵ joins took time quadratic in it)
        text = self.text
        self.text = ""
        text += line.text
        self.text = text
        if not self._own:
            self._pieces = list(self.pieces)
            self._own = True
        more = line._pieces
        if more is None:
            self._pieces.append((line.start, line.end))
        else:
            self._pieces.extend(more)
        self.end = line.end
        self.phys += 1
        self.last_raw_len = line.raw_len

    @property
    def pieces(self) -> list[tuple[int, int]]:
        pieces = self._pieces
        return [(self.start, self.end)] if pieces is None else pieces

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<{self.kind} {self.text[:30]!r}>"


class LexState:
    """What the stages know of the regulation being lexed.

    - ``width``: the wrap width of hard-wrapped text, 0 if it was not wrapped
      (set by the ``wrap_width`` rule); ``blank_paragraphs``: where its
      paragraphs are set apart by blank lines, the length from which a line
      reaches the column's edge (the ``blank_paragraphs`` rule), else 0;
    - ``article_key``: (number, suffix) of the last article taken;
    - ``division_numbers``: the number of the last division of each kind
      still open;
    - ``list_entry``: the current logical line is an entry of a list that a
      line ending in ： introduced (由下列人员组成： / 委员长， / …);
    - ``title`` and ``front_tokens``: the front matter read; ``order`` the
      lines of a promulgation order before the title, ``front_matter`` the
      facts read from them (:class:`regparse.model.FrontMatter`);
    - ``noise`` and ``decisions``: what the stages removed and decided;
    - ``layout``: the layout of the lines of a file (:mod:`regparse.lex.layout`), empty for text.
    """

    __slots__ = ("explain", "decisions", "noise", "width", "title", "article_key", "division_numbers",
                 "front_tokens", "list_entry", "chains", "annexes", "layout", "last_article", "taken", "taiwan", "tails",
                 "interleaved", "paged", "after_end", "order", "order_title", "front_matter", "blank_paragraphs", "line_counts")

    def __init__(self, explain: bool = False) -> None:
        self.explain = explain
        self.decisions: list[Decision] = []
        self.noise: list[Noise] = []
        self.width = 0
        # paragraphs are set apart by blank lines: the length from which a line that ends a
        # sentence reaches the column's edge, so that a line break alone after it is a wrap
        # (regparse.lex.width); 0 where they are not
        self.blank_paragraphs = 0
        # (lines with a blank line before them, lines of 10 characters or more, their lengths counted),
        # counted by wrap_width for blank_paragraphs
        self.line_counts: tuple[int, int, dict[int, int]] | None = None
        self.title: str | None = None
        self.article_key: tuple[int, int] | None = None
        self.division_numbers: dict[str, int] = {}
        self.front_tokens: list[tuple[str, Line]] = []
        self.list_entry = False
        # annex labels taken so far (附件一, 附件二 …): once the appendices have begun,
        # each label alone on its line starts the next one
        self.annexes = 0
        # the join rules for each kind of logical line (regparse.lex.joins), chosen by the wrap width
        self.chains: dict = {}
        # the layout of physical lines by start offset, from a file's reader (regparse.lex.layout); {} for text
        self.layout: dict = {}
        # where the last line that starts with 第X条 starts, read only with a layout
        self.last_article = -1
        # the articles taken, kept only in text whose columns are interleaved (regparse.lex.interleave)
        self.taken: set[tuple[int, int]] | None = None
        # where the columns' lines are interleaved and what of them was not put back (a diagnostic), or None
        self.interleaved: tuple[tuple[int, int], str] | None = None
        # whether the text marks where its pages start (form feeds, page numbers): pages can be dealt to columns
        self.paged = False
        # the text numbers as Taiwan does: 項 paragraphs, 款 items (regparse.lex.repairs)
        self.taiwan = False
        # where the headings start whose last line OCR had set apart (regparse.lex.tails): OCR text
        self.tails: set[int] = set()
        # what was kept out after the last article (regparse.lex.end): what it is, its first and last line
        self.after_end: list[tuple[str, LogicalLine, LogicalLine]] = []
        # the lines of a promulgation order or notice before the title (regparse.lex.front)
        self.order: list[Line] = []
        # the title that order names (《…》), printed under it
        self.order_title = ""
        # what the text says of itself (regparse.lex.metadata), a FrontMatter once read
        self.front_matter = None

    def decide(self, rule: str, message: str, span: tuple[int, int]) -> None:
        """Record a decision of ``rule`` (with ``explain=True`` only)."""
        if self.explain:
            self.decisions.append(Decision(kind=rule, message=message, span=span))

    def outside(self, lines: list, where: str, rule: str) -> None:
        """Text of the page that is not part of the regulation: recorded as noise."""
        for ln in lines:
            self.noise.extend(line_noise("outside", ln))
        if lines:
            self.decide(rule, f"text {where} the regulation kept out of it ({len(lines)} lines)",
                        (lines[0].start, lines[-1].end))
