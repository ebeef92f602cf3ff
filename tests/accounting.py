"""The no-loss check: every character of the input is in the tree or in the noise.

Shared by the test suite (through conftest) and bench/fuzz.py, so the two
cannot disagree on what counts as lost; it is the library's own check
(:mod:`regparse.accounting`), which ``regparse check`` reports with.
"""
from __future__ import annotations

from regparse.accounting import accounted_text, lost_characters, printed_label

__all__ = ["accounted_text", "printed_label", "lost_characters"]
