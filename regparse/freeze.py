"""Freezing: the builder's draft tree → the frozen pydantic tree, without validating again.

The drafts are complete and of the right types (the builder makes them, no
caller does), so the tree is constructed directly: validating it again costs
several times more than the rest of the build.  What each model gets is
exactly what validating the same draft would give: every field in
declaration order (defaults for the missing ones), no extra, private
attributes at their defaults.  Every field counts as set, as in a tree read
back from its JSON (the builder decides every field); the nodes of a class
share one such set, which pydantic copies before it changes one
(model_copy).  ``tests/test_build.py`` checks the trees against validated ones.
"""
from __future__ import annotations

from array import array
from operator import lt
from typing import Any, Callable, Iterable

from pydantic import BaseModel

from .model import (NOISE_KIND_NUMBER, Appendix, Article, Chapter, Decision, Diagnostic, FrontMatter, Heading, Item,
                    Noise, NoiseRecords, Paragraph, Part, Point, Reference, Regulation, Section, Subitem, Subpart)

__all__ = ["compact_dict", "template", "to_models", "reference_record", "noise_record", "NoiseLog", "EMPTY",
           "SharedLists"]


def compact_dict(values: dict[str, Any]) -> dict:
    """``values`` as a dict whose copies (``.copy()``) share its keys.

    CPython keeps the keys of a key-sharing dict (the kind an instance's
    ``__dict__`` is) once, and each copy holds only its values: a
    paragraph's eleven fields take 177 bytes instead of 464, a noise
    record's three 105 instead of 272 (CPython 3.11, measured with
    tracemalloc).  The copies are ordinary dicts in every other way: setting
    a key they have keeps them compact, anything else makes them a plain
    dict again.  Each instance made of the holder class shrinks the spare
    room CPython leaves in the values of every later copy, down to one
    slot; forty instances are more than the 30 keys a shared dict can take."""
    holder = type("FieldValues", (), {})
    for _ in range(40):
        instance = holder()
        for name, value in values.items():
            setattr(instance, name, value)
    return instance.__dict__


def template(cls: type) -> dict:
    """Every field of ``cls`` at its default, in declaration order (a list
    field holds () until it is given; a required field PydanticUndefined).
    A draft node starts as a copy of this (``.copy()``, which keeps it
    compact: :func:`compact_dict`) and has its fields set in place, so that
    its keys are in the model's order and :func:`to_models` can use the draft
    as the model's ``__dict__`` as it is."""
    return compact_dict({name: () if info.default_factory is not None else info.default
                         for name, info in cls.model_fields.items()})


class _Shared(list):
    """A list that frozen tree nodes share: the one empty list every empty
    list field holds (most paragraphs have no items and no references: two
    lists each that need not be made), and the target lists of references
    that name the same provisions (10⁵ references to 第一条 hold one list).
    Shared, it must not change: every method that would change it raises, so
    that nothing put into one node's list can appear in another's; a copy of
    it is an ordinary list."""

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("this list of a frozen regparse tree cannot change (it is shared between nodes)")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse  # type: ignore[assignment]

    def __copy__(self) -> list:
        return list(self)

    def __deepcopy__(self, memo: dict) -> list:
        # its items are str (targets, ids) or models, which copy as they do in any list
        from copy import deepcopy
        return [deepcopy(item, memo) for item in self]

    def __reduce__(self) -> tuple:
        return (list, (list(self),))


#: what an empty list field of a frozen tree holds
EMPTY: list = _Shared()


class SharedLists:
    """One shared, unchangeable list per distinct content, for one parse.

    >>> shared = SharedLists()
    >>> a, b = shared(["第一条"]), shared(["第一条"])
    >>> a is b, a == ["第一条"], shared([]) is EMPTY
    (True, True, True)
    """

    __slots__ = ("_lists",)

    def __init__(self) -> None:
        self._lists: dict[tuple, list] = {}

    def __call__(self, items: list) -> list:
        if not items:
            return EMPTY
        key = tuple(items)
        found = self._lists.get(key)
        if found is None:
            found = self._lists[key] = _Shared(items)
        return found


_new = object.__new__
_setattr = object.__setattr__
# the setters of BaseModel's slots, a little cheaper than object.__setattr__
_SLOT_SETTERS = {"_set_fields_set": BaseModel.__pydantic_fields_set__.__set__,
                 "_set_extra": BaseModel.__pydantic_extra__.__set__,
                 "_set_private": BaseModel.__pydantic_private__.__set__}


def _maker(cls: type, converters: dict[str, Any], direct: bool = False) -> Callable[[dict], Any]:
    """A function that constructs ``cls`` from a draft, converting nested fields.

    Written out per class from ``cls.model_fields`` (no loop over the fields:
    a generic loop costs as much as validating).  The model's ``__dict__``
    is the defaults, in declaration order, updated with the draft; a key that
    is not a field is an error, as it is for validation (``extra="forbid"``).
    Each ``converters`` entry makes the models of a list field's items: one
    maker, or a dict of makers by the items' ``kind``.

    With ``direct``, a draft that holds exactly the fields in declaration
    order is used as the ``__dict__`` itself, its list fields converted in
    place: the builder makes its drafts that way (:func:`template`) and never
    shares one, which saves a copy of every node.  Such a draft is consumed.
    """
    fields = cls.model_fields
    env: dict[str, Any] = {"_new": _new, "_set": _setattr, "cls": cls, "EMPTY": EMPTY, **_SLOT_SETTERS,
                           "private": {name: attr.get_default() for name, attr in cls.__private_attributes__.items()}}
    defaults: dict[str, Any] = {}
    fresh = []
    for i, (name, info) in enumerate(fields.items()):
        convert = converters.get(name)
        if info.default_factory is not None and info.default_factory is not list:
            # a field of its own type (Regulation.noise): its converter makes the whole value
            if convert is None or isinstance(convert, dict):
                raise TypeError(f"{cls.__name__}.{name}: a field made by {info.default_factory.__name__} "
                                "needs a converter of its own")
            defaults[name] = ()
            env[f"convert{i}"] = convert
            fresh.append(f"    state[{name!r}] = convert{i}(state[{name!r}])\n")
        elif info.default_factory is not None:
            if info.default_factory is not list:
                raise TypeError(f"{cls.__name__}.{name}: only list default factories are constructed directly")
            defaults[name] = ()          # a missing list becomes a fresh empty list below
            if isinstance(convert, dict):
                # models of several kinds (a division's children): the maker by kind
                env[f"by_kind{i}"] = convert
                fresh.append(f"    value = state[{name!r}]\n"
                             f"    state[{name!r}] = [by_kind{i}[v['kind']](v) for v in value] if value else EMPTY\n")
            elif convert is not None:
                env[f"convert{i}"] = convert
                fresh.append(f"    value = state[{name!r}]\n"
                             f"    state[{name!r}] = [convert{i}(v) for v in value] if value else EMPTY\n")
            else:
                fresh.append(f"    value = state[{name!r}]\n"
                             f"    state[{name!r}] = list(value) if value else EMPTY\n")
        elif convert is not None or info.is_required():
            # required fields come from the dict; a KeyError below is a builder bug
            defaults[name] = None
            if convert is not None:
                env[f"convert{i}"] = convert
                fresh.append(f"    state[{name!r}] = [convert{i}(v) for v in state[{name!r}]]\n")
        else:
            defaults[name] = info.default
    required = [name for name, info in fields.items() if info.is_required()]
    # copies of a compact dict (compact_dict): the models made from a draft
    # that is not a template's copy are as small as the builder's
    env["defaults"] = compact_dict(defaults)
    env["every_field"] = set(fields)
    env["not_fields"] = _not_fields
    n = len(defaults)
    merge = ("        state = defaults.copy()\n"
             "        state.update(data)\n"
             f"        if len(state) > {n}:\n"
             "            not_fields(cls, state)\n"
             + "".join(f"        data[{name!r}]\n" for name in required))
    if direct:
        # the builder's drafts (see template): the draft itself becomes the
        # model's __dict__
        start = ("def make(data):\n"
                 f"    if len(data) == {n} and next(iter(data)) == {next(iter(defaults))!r}:\n"
                 "        state = data\n"
                 "    else:\n" + merge)
    else:
        start = "def make(data):\n    if True:\n" + merge
    source = (
        start
        + "".join(fresh) +
        "    model = _new(cls)\n"
        "    _set(model, '__dict__', state)\n"
        "    _set_fields_set(model, every_field)\n"
        "    _set_extra(model, None)\n"
        f"    _set_private(model, {'dict(private)' if env['private'] else 'None'})\n"
        "    return model\n")
    exec(compile(source, f"<construct {cls.__name__}>", "exec"), env)
    return env["make"]


def _not_fields(cls: type, state: dict) -> None:
    extra = [key for key in state if key not in cls.model_fields]
    raise TypeError(f"{cls.__name__} has no field {', '.join(map(repr, extra))} (a builder bug)")


_set_fields_set = _SLOT_SETTERS["_set_fields_set"]
_set_extra = _SLOT_SETTERS["_set_extra"]
_set_private = _SLOT_SETTERS["_set_private"]


def _record_maker(cls: type, names: tuple[str, ...]) -> Callable[..., Any]:
    """A function that makes ``cls`` directly from its fields given in the
    order ``names`` (every field of ``cls``), for records whose values are
    already of the right types; its ``__dict__`` a copy of a compact dict
    (:func:`compact_dict`), its set of fields shared by every record."""
    if set(names) != set(cls.model_fields):
        raise TypeError(f"{cls.__name__}: a record is made with every field")
    env: dict[str, Any] = {"_new": _new, "_set": _setattr, "cls": cls, **_SLOT_SETTERS,
                           "every_field": set(cls.model_fields), "fields": template(cls)}
    source = (f"def make({', '.join(names)}):\n"
              "    state = fields.copy()\n"
              + "".join(f"    state[{name!r}] = {name}\n" for name in cls.model_fields) +
              "    model = _new(cls)\n"
              "    _set(model, '__dict__', state)\n"
              "    _set_fields_set(model, every_field)\n"
              "    _set_extra(model, None)\n"
              "    _set_private(model, None)\n"
              "    return model\n")
    exec(compile(source, f"<record {cls.__name__}>", "exec"), env)
    return env["make"]


_reference = _record_maker(Reference, ("kind", "surface", "span", "targets", "target_ids", "act", "resolved"))
_noise = _record_maker(Noise, ("kind", "text", "span"))


def reference_record(kind: str, surface: str, span: tuple[int, int], targets: list[str], target_ids: list[str],
                     act: str | None, resolved: bool) -> Reference:
    """A :class:`~regparse.model.Reference` made directly (its values are the
    finder's, of the right types): made once, it is both in its node's
    ``references`` and in the document's, where freezing keeps it as it is."""
    return _reference(kind, surface, span, targets, target_ids, act, resolved)


def noise_record(kind: str, text: str, span: tuple[int, int]) -> Noise:
    """A :class:`~regparse.model.Noise` made directly, without validating: the
    pre-pass and the lexer make one for every piece they take out (a
    megabyte of control characters between words is hundreds of thousands),
    with a kind of :data:`~regparse.model.NoiseKind`, the str at ``span``
    and a tuple of two ints.  A validated record holds a set of its fields
    and a dict of its own: 3.2 times the memory."""
    return _noise(kind, text, span)


class NoiseLog(NoiseRecords):
    """The noise of one parse as the stages find it, in the columns of the
    document's :class:`~regparse.model.NoiseRecords` (which reads it as a
    list of :class:`~regparse.model.Noise` meanwhile): the pre-pass records a
    control character cut out of a line in three array items and a list
    slot, not a model, a dict and a span tuple.

    >>> log = NoiseLog()
    >>> log.add("markup", "**", (5, 7)); log.add("control", "\\x01", (2, 3)); log.sort()
    >>> [(n.text, n.span) for n in log], log.within(4, 9).records()[0].kind
    ([('\\x01', (2, 3)), ('**', (5, 7))], 'markup')
    """

    __slots__ = ()

    def __init__(self) -> None:
        self._kinds, self._texts, self._starts, self._ends = bytearray(), [], array("q"), array("q")

    def add(self, kind: str, text: str, span: tuple[int, int]) -> None:
        """One record: ``kind`` of :data:`~regparse.model.NoiseKind`, the str at ``span``."""
        self._kinds.append(NOISE_KIND_NUMBER[kind])
        self._texts.append(text)
        self._starts.append(span[0])
        self._ends.append(span[1])

    def extend(self, records: Iterable[Noise]) -> None:
        """The records of another log, or :class:`~regparse.model.Noise` models, after these."""
        if isinstance(records, NoiseRecords):
            self._kinds += records._kinds
            self._texts += records._texts
            self._starts += records._starts
            self._ends += records._ends
            return
        add = self.add
        for n in records:
            add(n.kind, n.text, n.span)

    def sort(self) -> None:
        """In order of span, as ``list.sort(key=lambda n: n.span)`` orders
        them (stable); the common log, already in order, is only read."""
        starts, ends = self._starts, self._ends
        if all(map(lt, starts, starts[1:])):
            return
        # stable: by end, then by start, is by (start, end) with ties kept in order
        order = sorted(range(len(starts)), key=ends.__getitem__)
        order.sort(key=starts.__getitem__)
        kinds, texts = self._kinds, self._texts
        self._kinds = bytearray(kinds[i] for i in order)
        self._texts = [texts[i] for i in order]
        self._starts = array("q", [starts[i] for i in order])
        self._ends = array("q", [ends[i] for i in order])

    def within(self, lo: int, hi: int) -> "NoiseLog":
        """A new log of the records that start in ``lo``–``hi`` (not ``hi``), in order."""
        out = NoiseLog()
        kinds, texts, starts, ends = self._kinds, self._texts, self._starts, self._ends
        for i in [i for i, a in enumerate(starts) if lo <= a < hi]:
            out._kinds.append(kinds[i])
            out._texts.append(texts[i])
            out._starts.append(starts[i])
            out._ends.append(ends[i])
        return out

    def records(self) -> NoiseRecords:
        """The document's read-only records, sharing these columns: the log is not to change after."""
        return NoiseRecords._of_columns(bytes(self._kinds), self._texts, self._starts, self._ends)

    def __reduce__(self) -> tuple:
        return (_log_of, (bytes(self._kinds), list(self._texts), self._starts, self._ends))

    def __copy__(self) -> "NoiseLog":
        return _log_of(self._kinds, self._texts, self._starts, self._ends)

    __deepcopy__ = lambda self, memo: self.__copy__()  # noqa: E731


def _log_of(kinds: bytes, texts: list[str], starts: array, ends: array) -> NoiseLog:
    log = NoiseLog()
    log.extend(NoiseRecords._of_columns(kinds, texts, starts, ends))
    return log


def _noise_records(value: Any) -> NoiseRecords:
    # a log becomes the document's records; models or dicts (a tree dumped and
    # made again) are made records as validation would make them
    if type(value) is NoiseRecords:
        return value
    if isinstance(value, NoiseLog):
        return value.records()
    if not value:
        return _NO_NOISE
    return NoiseRecords(v if type(v) is Noise else Noise.model_validate(v) for v in value)


_NO_NOISE = NoiseRecords()


def _keep_models(cls: type, make: Callable[[dict], Any]) -> Callable[[Any], Any]:
    # noise and decisions arrive as models already; validation keeps those
    def convert(value: Any) -> Any:
        return value if type(value) is cls else make(value)
    return convert


def _makers() -> Callable[[dict], Any]:
    # the reference finder makes its records as models (reference_record); a draft one is made here
    references = _keep_models(Reference, _maker(Reference, {}))
    subitem = _maker(Subitem, {"references": references}, direct=True)
    item = _maker(Item, {"children": subitem, "references": references}, direct=True)
    paragraph = _maker(Paragraph, {"children": item, "references": references}, direct=True)
    article = _maker(Article, {"children": paragraph}, direct=True)
    children: dict[str, Callable[[dict], Any]] = {"article": article}
    under_point: dict[str, Callable[[dict], Any]] = {"article": article}
    point = _maker(Point, {"children": under_point, "references": references}, direct=True)
    under_point["point"] = children["point"] = point
    for kind, cls in (("part", Part), ("subpart", Subpart), ("chapter", Chapter), ("section", Section)):
        children[kind] = _maker(cls, {"children": children}, direct=True)
    regulation = _maker(Regulation, {
        "children": children,
        "appendices": _maker(Appendix, {}),
        "headings": _maker(Heading, {}),
        "diagnostics": _maker(Diagnostic, {}),
        "noise": _noise_records,
        "decisions": _keep_models(Decision, _maker(Decision, {})),
        "references": references,
    })

    def make(tree: dict) -> Any:
        # the lexer gives the front matter as a model; a tree dumped to dicts gives a dict
        front = tree.get("front_matter")
        if front is not None and type(front) is not FrontMatter:
            tree["front_matter"] = FrontMatter.model_validate(front)
        return regulation(tree)
    return make


_regulation_maker: Callable[[dict], Any] | None = None


def to_models(tree: dict) -> Any:
    """The :class:`~regparse.model.Regulation` of a finished draft tree.

    The drafts become the models' ``__dict__``: the tree is consumed and must
    not be used again."""
    global _regulation_maker
    if _regulation_maker is None:
        _regulation_maker = _makers()
    return _regulation_maker(tree)
