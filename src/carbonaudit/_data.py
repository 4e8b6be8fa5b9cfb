"""Locating and reading data files: the shipped ones and the user's (private).

In a wheel the shipped files live in ``carbonaudit/data/``; in a source checkout or an editable
install they are the repository's top-level ``data/`` directory, the one source of truth.

Every YAML (and JSON) file carbonaudit reads -- declarations, factor files, organisation files,
the measure codes -- goes through :func:`parse_yaml`, the one loading function. It is a safe
loader (the C one where libyaml is present) that also refuses, with the file, line and column:

* a YAML alias (``*name``): a few nested aliases expand to gigabytes ("billion laughs");
* nesting deeper than :data:`MAX_YAML_DEPTH` levels;
* a repeated key in a mapping (YAML would keep the last one silently), a merge key (``<<``);
* values JSON cannot hold (``!!binary``, ``!!set``, ``!!omap``, ``!!pairs``, ``!!timestamp``);
  an unquoted date such as ``2024-01-31`` is read as the text ``"2024-01-31"``;
* a scalar that its tag cannot convert (``!!int abc``, an integer of more than 4,300 digits).

Plain numbers and booleans are read as JSON and YAML 1.2 read them, not as YAML 1.1 does: ``010``
is ten (not octal eight), ``1:30`` is text (not ninety), ``1e5`` is a number, ``yes``/``no``/``on``/
``off`` are text (the models still read ``"yes"`` as true where they want a boolean). An anchor
(``&name``) that no alias uses repeats nothing and is read.

and files larger than :data:`MAX_YAML_BYTES` are refused by size before they are read.

A document of mappings, lists and plain values (every carbonaudit file) is built straight from the
parser's events, without the node tree; anything else (an anchor, an alias, a tag, an error) is
composed into nodes and built from them, which gives the value or the error with its line and column.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import types
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.error import Mark, MarkedYAMLError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

from .errors import DataFileError

__all__ = [
    "MAX_CSV_BYTES",
    "MAX_YAML_BYTES",
    "MAX_YAML_DEPTH",
    "check_text_size",
    "data_path",
    "factors_document",
    "load_yaml",
    "not_utf8",
    "parse_yaml",
    "read_capped",
    "read_yaml",
]

MAX_YAML_BYTES = 20_000_000
"""Largest YAML or JSON file (or text) read [bytes]: 20 MB. The shipped ``factors.yaml`` is 56 kB
and a declaration a few tens of kB; a larger file is refused before it is read."""

MAX_CSV_BYTES = 50_000_000
"""Largest records CSV read [bytes]: 50 MB (about half a million activity rows)."""

MAX_YAML_DEPTH = 100
"""Deepest nesting of mappings and lists in a YAML file (the forms' tables need fewer than ten)."""

_PACKAGE_DATA = Path(__file__).resolve().parent / "data"
_SOURCE_DATA = Path(__file__).resolve().parents[2] / "data"
_SOURCE_EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

try:  # the C loader is several times faster; fall back to pure Python where libyaml is absent
    _Base: type[yaml.SafeLoader | yaml.CSafeLoader] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader

_C_LOADER = _Base is not yaml.SafeLoader
_TAG = "tag:yaml.org,2002:"
_NOT_JSON = ("binary", "timestamp", "omap", "pairs", "set")


class _AliasFound(Exception):
    """Raised inside the loader when a node is reached twice: the node an alias points to."""

    def __init__(self, node: Node) -> None:
        super().__init__(node)
        self.node = node


def _make_loader(base: type[Any]) -> type[Any]:
    """The safe loader of carbonaudit files on *base* (``yaml.CSafeLoader`` or ``yaml.SafeLoader``).

    Both composers (libyaml's in C and PyYAML's in Python) call ``descend_resolver`` and
    ``ascend_resolver`` around every node they build: the loader counts the depth there, so deep
    nesting stops before the (recursive) composer goes deep. libyaml's composer has no hook for
    aliases, but both composers return the anchored node itself for an alias (nothing is copied):
    the constructor, which visits each reference once (every mapping is built here in one pass),
    meets an alias as a node it has built already and refuses it there, before any value is
    built twice or handed to a caller that would expand it.
    """

    class Loader(base):  # type: ignore[misc]
        yaml_implicit_resolvers = _resolvers(base)

        def __init__(self, stream: str | bytes) -> None:
            super().__init__(stream)
            self._depth = 0

        def descend_resolver(self, current_node: Node | None, current_index: Any) -> None:
            self._depth += 1
            if self._depth > MAX_YAML_DEPTH:
                raise ComposerError(
                    None,
                    None,
                    f"lists and mappings nested deeper than {MAX_YAML_DEPTH} levels: carbonaudit files are "
                    "tables a few levels deep",
                    current_node.start_mark if current_node is not None else None,
                )
            # (no path resolvers are ever added to this loader: the base methods would return at once)

        def ascend_resolver(self) -> None:
            self._depth -= 1

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            # BaseResolver.resolve with each first character's resolvers (and the wildcard ones)
            # joined once, not at every scalar; the same tags in the same order
            if kind is ScalarNode and implicit[0]:
                for tag, regexp in by_first.get(value[:1], wildcard):
                    if regexp.match(value):
                        return tag
            return resolve(self, kind, value, (False, False))

        def construct_object(self, node: Node, deep: bool = False) -> Any:
            # BaseConstructor.construct_object for a safe constructor (no multi-constructors),
            # in one frame rather than wrapping it (this runs once per value of the file)
            if node in self.constructed_objects or node in self.recursive_objects:
                raise _AliasFound(node)  # built once already: this reference is an alias
            if deep:
                old_deep: bool = self.deep_construct  # type: ignore[has-type]
                self.deep_construct = True
            self.recursive_objects[node] = None
            constructor = self.yaml_constructors.get(node.tag, _undefined)
            try:
                data = constructor(self, node)
                if isinstance(data, types.GeneratorType):
                    generator = data
                    data = next(generator)
                    if self.deep_construct:
                        for _ in generator:
                            pass
                    else:
                        self.state_generators.append(generator)
            except (ValueError, TypeError, KeyError, OverflowError) as exc:  # e.g. !!int abc, !!bool x
                raise _unreadable(node, exc) from exc
            self.constructed_objects[node] = data
            del self.recursive_objects[node]
            if deep:
                self.deep_construct = old_deep
            return data

        def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
            if not isinstance(node, MappingNode):
                raise ConstructorError(None, None, f"expected a mapping, found {node.id}", node.start_mark)
            mapping: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == _TAG + "merge":
                    raise ConstructorError(
                        None, None, "merge keys (<<) are not accepted in carbonaudit files", key_node.start_mark
                    )
                key = self.construct_object(key_node, deep=deep)
                try:
                    repeated = key in mapping
                except TypeError:  # a list or mapping as a key
                    raise ConstructorError(
                        None, None, f"a {type(key).__name__} cannot be a mapping key", key_node.start_mark
                    ) from None
                if repeated:  # YAML would keep the last one silently
                    raise ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
                mapping[key] = self.construct_object(value_node, deep=deep)
            return mapping

        def _not_json(self, node: Node) -> Any:
            raise ConstructorError(
                None,
                None,
                f"the tag {node.tag!r} is not accepted in carbonaudit files (only what JSON holds: mappings, "
                "lists, text, numbers, true/false, null); remove the tag",
                node.start_mark,
            )

    resolvers = Loader.yaml_implicit_resolvers
    wildcard = list(resolvers.get(None, []))
    by_first = {first: [*found, *wildcard] for first, found in resolvers.items() if first is not None}
    resolve = base.resolve
    for name in _NOT_JSON:
        Loader.add_constructor(_TAG + name, Loader._not_json)
    Loader.add_constructor(_TAG + "int", _construct_int)
    Loader.__name__ = Loader.__qualname__ = f"CarbonAudit{base.__name__}"
    return Loader


# Plain scalars resolved as JSON and YAML 1.2 read them, not as YAML 1.1 does: 010 is ten (not
# octal eight), 1:30 is text (not sexagesimal ninety), 1e5 is a number (not text), yes/no/on/off are
# text (the models read "yes" as true where they want a boolean), a date is text.
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_YAML_11_ONLY = {_TAG + "bool", _TAG + "int", _TAG + "float", _TAG + "timestamp"}


def _resolvers(base: type[Any]) -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    """*base*'s implicit resolvers with YAML 1.1's booleans, numbers and dates replaced."""
    out: dict[Any, list[tuple[str, re.Pattern[str]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in _YAML_11_ONLY]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    for tag, regexp, firsts in (  # int before float: "12" is an int
        ("bool", _BOOL, "tTfF"),
        ("int", _INT, "-+0123456789"),
        ("float", _FLOAT, "-+.0123456789"),
    ):
        for first in firsts:
            out.setdefault(first, []).append((_TAG + tag, regexp))
    return out


def _construct_int(loader: Any, node: Node) -> int:
    """An integer as written: decimal (leading zeros allowed: 010 is ten), 0x hex or 0o octal."""
    return _int_of(loader.construct_scalar(node))


def _int_of(value: str) -> int:
    """The integer of the text of an int-tagged scalar (see :func:`_construct_int`)."""
    digits = value.lstrip("+-")
    sign = -1 if value.startswith("-") else 1
    if digits[:2] in ("0x", "0o"):
        return sign * int(digits[2:], 16 if digits[1] == "x" else 8)
    return sign * int(digits, 10)


def _undefined(loader: Any, node: Node) -> Any:
    return yaml.constructor.SafeConstructor.construct_undefined(loader, node)


def _unreadable(node: Node, exc: Exception) -> ConstructorError:
    """A scalar its tag cannot convert (``!!int abc``, ``!!bool x``, an int of 5,000 digits)."""
    shown = node.value if isinstance(node, ScalarNode) else type(node).__name__
    if isinstance(shown, str) and len(shown) > 40:
        shown = f"{shown[:40]}... ({len(shown):,} characters)"
    return ConstructorError(
        None, None, f"cannot read {shown!r} as {node.tag.removeprefix(_TAG)}: {exc}", node.start_mark
    )


_Loader = _make_loader(_Base)


class _Unusual(Exception):
    """A node the fast builder leaves to the loader's constructor (an alias, a tag, a repeated key ...)."""


_STR, _INT_TAG, _FLOAT_TAG, _BOOL_TAG, _NULL, _MAP, _SEQ = (
    _TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq")
)


def _build(loader: Any, node: Node) -> Any:
    """The value of a composed document of mappings, lists and plain JSON scalars, built directly.

    What the loader's constructor builds, for the documents every carbonaudit file is, at a
    fraction of its cost (it goes through a generator and four calls per value). Anything else
    raises :class:`_Unusual` and the constructor builds the document from the same nodes, with
    its errors: a node reached twice (an alias), a merge key, a repeated or unhashable key, a
    tag other than str, int, float, bool, null, map and seq, a scalar its tag cannot convert.
    """
    seen: set[int] = set()
    bool_values = loader.bool_values
    float_of: Any = yaml.constructor.SafeConstructor.construct_yaml_float

    def value(n: Node) -> Any:
        if id(n) in seen:
            raise _Unusual
        seen.add(id(n))
        tag = n.tag
        kind = type(n)
        if kind is ScalarNode:
            if tag == _STR:
                return n.value
            try:
                if tag == _FLOAT_TAG:
                    return float_of(loader, n)
                if tag == _INT_TAG:
                    return _construct_int(loader, n)
                if tag == _NULL:
                    return None
                if tag == _BOOL_TAG:
                    return bool_values[n.value.lower()]
            except (ValueError, TypeError, KeyError, OverflowError, IndexError):
                raise _Unusual from None
            raise _Unusual
        if kind is MappingNode and tag == _MAP:
            out: dict[Any, Any] = {}
            for key_node, value_node in n.value:
                if key_node.tag == _TAG + "merge":
                    raise _Unusual
                key = value(key_node)
                try:
                    if key in out:
                        raise _Unusual
                except TypeError:
                    raise _Unusual from None
                out[key] = value(value_node)
            return out
        if kind is SequenceNode and tag == _SEQ:
            return [value(item) for item in n.value]
        raise _Unusual

    return value(node)


_SCALAR_EVENT, _MAP_START, _MAP_END, _SEQ_START, _SEQ_END = (
    yaml.ScalarEvent,
    yaml.MappingStartEvent,
    yaml.MappingEndEvent,
    yaml.SequenceStartEvent,
    yaml.SequenceEndEvent,
)


def _from_events(source: str | bytes) -> Any:
    """The value of a plain single-document *source*, built straight from the parser's events.

    libyaml (or PyYAML's parser) still reads every character and reports every syntax error; this
    only skips the composed node tree, which costs as much again as the parse (two marks and a
    Python object per node). It builds exactly what :func:`_build` builds from the composed tree:
    each plain scalar's tag comes from the loader's own :meth:`resolve`, the same constructors turn
    it into a value, and anything :func:`_build` would leave to the constructor raises
    :class:`_Unusual`. So do an anchor or an alias, an explicit tag, a second document or none, a
    document that is not a mapping or a list, nesting near :data:`MAX_YAML_DEPTH`, and any syntax
    error: the caller then composes the document as before, and that path gives the value or the
    error with its line and column.
    """
    loader = _Loader(source)
    try:
        get = loader.get_event
        resolve = loader.resolve
        tags = _PLAIN_TAGS
        bool_values = loader.bool_values
        float_of: Any = yaml.constructor.SafeConstructor.construct_yaml_float
        limit = MAX_YAML_DEPTH - 2
        if type(get()) is not yaml.StreamStartEvent or type(get()) is not yaml.DocumentStartEvent:
            raise _Unusual
        stack: list[Any] = []  # the open lists and mappings, outermost first
        keys: list[Any] = []  # for each: _SEQ_MARK (a list), or its pending key, or _NO_KEY (a key comes next)
        while True:
            event = get()
            kind = type(event)
            if kind is _SCALAR_EVENT:
                if event.anchor is not None or event.tag is not None:
                    raise _Unusual
                text = event.value
                implicit = event.implicit
                tag = tags.get(text) if implicit[0] else None
                if tag is None:
                    tag = resolve(ScalarNode, text, implicit)
                    if implicit[0] and len(text) <= 64 and len(tags) < _TAGS_KEPT:
                        tags[text] = tag
                if tag == _STR:
                    item: Any = text
                else:
                    try:
                        if tag == _FLOAT_TAG:
                            # what construct_yaml_float gives: the tag's pattern leaves digits, a sign, a
                            # point and an exponent, which float() reads as it does (sign x unsigned
                            # value is exact); .inf and .nan (an "n") are left to it
                            item = float_of(loader, ScalarNode(tag, text)) if "n" in text or "N" in text else float(text)
                        elif tag == _INT_TAG:
                            item = _int_of(text)
                        elif tag == _NULL:
                            item = None
                        elif tag == _BOOL_TAG:
                            item = bool_values[text.lower()]
                        else:
                            raise _Unusual
                    except (ValueError, TypeError, KeyError, OverflowError, IndexError):
                        raise _Unusual from None
            elif kind is _MAP_START or kind is _SEQ_START:
                if event.anchor is not None or event.tag is not None or len(stack) > limit:
                    raise _Unusual
                item = {} if kind is _MAP_START else []
            elif kind is _MAP_END or kind is _SEQ_END:
                item = stack.pop()
                keys.pop()
                if not stack:
                    result: Any = item
                    break
                continue  # (it went into its parent when it started)
            else:  # an alias, or the end of a document with no mapping or list in it
                raise _Unusual
            if not stack:
                if kind is _SCALAR_EVENT:  # a document that is one scalar
                    raise _Unusual
                stack.append(item)
                keys.append(_SEQ_MARK if kind is _SEQ_START else _NO_KEY)
                continue
            parent = stack[-1]
            key = keys[-1]
            if key is _SEQ_MARK:
                parent.append(item)
            elif key is _NO_KEY:  # item is a key
                try:
                    if item in parent:  # a repeated key: the constructor says where
                        raise _Unusual
                except TypeError:  # a list or mapping as a key
                    raise _Unusual from None
                keys[-1] = item
            else:
                parent[key] = item
                keys[-1] = _NO_KEY
            if kind is not _SCALAR_EVENT:
                stack.append(item)
                keys.append(_SEQ_MARK if kind is _SEQ_START else _NO_KEY)
        if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
            raise _Unusual
        return result
    finally:
        loader.dispose()


_PLAIN_TAGS: dict[str, str] = {}
"""The tag the loader resolves each plain scalar's text to, kept (a text's tag depends only on it):
keys and units repeat in every file."""
_TAGS_KEPT = 4096

_NO_KEY = object()
_SEQ_MARK = object()


def _position(mark: Mark | None) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else "position unknown"


def _alias_message(source: str, origin: str, target: Node, base: type[Any]) -> str:
    """Where the first alias of *source* is: libyaml's composer does not say, its events do."""
    alias: Any = None
    anchor_mark: Mark | None = target.start_mark
    try:
        for event in yaml.parse(source, Loader=base):
            if isinstance(event, yaml.AliasEvent):
                alias = event
                break
    except yaml.YAMLError:  # pragma: no cover - the source was composed once already
        pass
    name = f"*{alias.anchor}" if alias is not None else "an alias"
    where = _position(alias.start_mark if alias is not None else None)
    return (
        f"{origin}, {where}: {name} is a YAML alias (it repeats the value anchored at {_position(anchor_mark)}); "
        "aliases are not accepted in carbonaudit files (a few nested aliases expand to gigabytes): write the "
        "value out in full at each place"
    )


def _yaml_message(exc: yaml.YAMLError, origin: str, text: str, *, c_offsets: bool) -> str:
    """A YAML error as ``<origin>, line L, column C: not valid YAML: <problem>``."""
    if isinstance(exc, ReaderError):  # a character YAML does not allow (a control character, NUL)
        # libyaml counts UTF-8 bytes, PyYAML's reader characters
        before = text.encode("utf-8")[: exc.position].decode("utf-8", "replace") if c_offsets else text[: exc.position]
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return (
            f"{origin}, line {line}, column {column}: not valid YAML: the character U+{code:04X} is not allowed "
            f"({exc.reason}); remove it"
        )
    if isinstance(exc, MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or ""
        if exc.context:
            at = f" (at {_position(exc.context_mark)})" if exc.context_mark is not None else ""
            problem = f"{exc.context}{at}: {problem}"
        return f"{origin}, {_position(mark)}: not valid YAML: {problem}"
    return f"{origin}: not valid YAML: {exc}"


def check_text_size(size: int, origin: str, what: str, cap: int = MAX_YAML_BYTES) -> None:
    """Refuse an input of *size* bytes (or characters) above *cap*, saying how to split it.

    Raises
    ------
    DataFileError
        If *size* > *cap*.
    """
    if size > cap:
        raise DataFileError(
            f"{origin}: the {what} is {size:,} bytes, more than the {cap:,}-byte ({cap / 1e6:g} MB) limit of "
            f"carbonaudit files; split it into several files (e.g. one declaration, one factor set, one group "
            f"of organisations or one year of records per file) and read each"
        )


def read_capped(path: Path, what: str, cap: int) -> bytes:
    """The bytes of *path*, refused by size above *cap* before they are read.

    A regular file is refused from its size; anything else (a pipe, ``/dev/zero``) is read up to
    one byte past *cap*, so memory stays bounded either way.

    Raises
    ------
    DataFileError
        If the file is larger than *cap* [bytes].
    OSError
        If the file cannot be opened or read (the callers name it).
    """
    with path.open("rb") as fh:
        info = os.fstat(fh.fileno())
        regular = stat.S_ISREG(info.st_mode)
        if regular:
            check_text_size(info.st_size, str(path), what, cap)
        # read(n) allocates n bytes first: ask for the file's size (a regular file), else 1 MB at a time
        chunks: list[bytes] = []
        total, step = 0, (info.st_size + 1 if regular else 1 << 20)
        while total <= cap:
            chunk = fh.read(min(step, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            step = 1 << 20
    check_text_size(total, str(path), what, cap)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def not_utf8(where: str, exc: UnicodeDecodeError) -> str:
    """The message for bytes that are not UTF-8 (e.g. a Big5/CP950 export): where and which line."""
    line = exc.object[: exc.start].count(b"\n") + 1
    return (
        f"{where}: it must be UTF-8 text, but byte {exc.start} (line {line}, 0x{exc.object[exc.start]:02x}) "
        f"is not valid UTF-8 ({exc.reason}); save the file as UTF-8"
    )


def parse_yaml(source: str | bytes, origin: str, *, what: str = "file") -> Any:
    """Parse one YAML (or JSON) document with carbonaudit's safe loader: the one loading function.

    Parameters
    ----------
    source : str or bytes
        The text (bytes are decoded as UTF-8; a byte-order mark is allowed).
    origin : str
        The file's path, or ``"<text>"``, to start every error message with.
    what : str, default "file"
        What it is (``"declaration"``, ``"factor file"``), for the messages.

    Returns
    -------
    object
        The document: mappings, lists, text, numbers, booleans and None only (what JSON holds).

    Raises
    ------
    DataFileError
        If *source* is over :data:`MAX_YAML_BYTES`, not UTF-8, not valid YAML, uses an alias
        (``*name``), nests deeper than :data:`MAX_YAML_DEPTH`, repeats a key, or holds a value JSON
        cannot; the message names *origin*, the line and the column.

    Examples
    --------
    >>> parse_yaml("a: [1, 2.5, x, 2024-01-31]\\n", "<text>")
    {'a': [1, 2.5, 'x', '2024-01-31']}
    >>> parse_yaml("a: &x [1]\\nb: *x\\n", "<text>")
    Traceback (most recent call last):
    ...
    carbonaudit.errors.DataFileError: <text>, line 2, column 4: *x is a YAML alias ...
    """
    check_text_size(len(source), origin, what)
    if isinstance(source, bytes):
        try:
            text = source.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DataFileError(not_utf8(f"cannot read {what} {origin}", exc)) from exc
    else:
        text = source
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate in a str
            raise DataFileError(f"{origin}: character {exc.start} is not valid text ({exc.reason})") from exc
    try:
        return _from_events(source)
    except (_Unusual, yaml.YAMLError):  # composed: the same value, or the error said in full
        return _composed(source, text, origin)


def _composed(source: str | bytes, text: str, origin: str) -> Any:
    """*source* composed into nodes and built from them (:func:`parse_yaml`'s path for unusual documents)."""
    loader = None
    try:
        loader = _Loader(source)  # bytes as they are: libyaml reads UTF-8 without a copy
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _build(loader, node)
        except _Unusual:  # the constructor builds it, or says what is wrong, from the same nodes
            return loader.construct_document(node)
    except _AliasFound as found:
        raise DataFileError(_alias_message(text, origin, found.node, _Base)) from None
    except yaml.YAMLError as exc:  # PyYAML's reader checks the characters as the loader is made
        raise DataFileError(_yaml_message(exc, origin, text, c_offsets=_C_LOADER)) from exc
    finally:
        if loader is not None:
            loader.dispose()


def load_yaml(path_or_text: Any, *, what: str = "declaration") -> Any:
    """Parse YAML (or JSON) from a path or text; every problem is a :class:`DataFileError` naming the source.

    Declarations are the forms' tables as YAML (non-production-form-2025 附表三, production-declaration-2018). The text goes through
    carbonaudit's one loading function (:func:`parse_yaml`): a repeated key is an
    error rather than YAML's silent last-one-wins, aliases (``*name``, which repeat an anchored
    value: a few nested ones expand to gigabytes) are refused, numbers are read as JSON reads them
    (``010`` is ten), and a file or text over 20 MB is refused by its size before it is read.

    Parameters
    ----------
    path_or_text : str, bytes or Path
        A path (a ``Path``, or a str without a newline) or YAML text (a str with a newline, or
        UTF-8 bytes).
    what : str, default "declaration"
        What the file is (``"organisations file"``), to word the error messages.

    Returns
    -------
    dict
        The parsed mapping, not yet validated: it holds only what JSON can (an unquoted date such
        as ``2024-01-31`` stays text).

    Raises
    ------
    DataFileError
        If the file cannot be read or is not UTF-8, is larger than 20 MB
        (``carbonaudit._data.MAX_YAML_BYTES``), the text is not valid YAML (a repeated key, an
        alias, nesting deeper than 100 levels, a ``!!set`` or ``!!binary`` value included), the
        document is not a mapping, or *path_or_text* is of another type. The message starts with
        the path (or ``<text>``) and, for a problem in the text, its line and column.

    Examples
    --------
    >>> load_yaml("era: ROC\\nyear: 106\\n")
    {'era': 'ROC', 'year': 106}
    >>> load_yaml("examples/office_declaration.yaml")["era"]
    'ROC'
    >>> load_yaml("base: &b {kWh: 1}\\ncopy: *b\\n")
    Traceback (most recent call last):
    ...
    carbonaudit.errors.DataFileError: <text>, line 2, column 7: *b is a YAML alias ...
    """
    a_what = f"{'an' if what[:1] in 'aeiou' else 'a'} {what}"
    source: str | bytes
    if isinstance(path_or_text, Path) or (isinstance(path_or_text, str) and "\n" not in path_or_text):
        path = Path(path_or_text)
        origin = str(path)
        try:
            source = read_capped(path, what, MAX_YAML_BYTES)
        except OSError as exc:
            raise DataFileError(f"cannot read {what} {path}: {exc.strerror or exc}") from exc
    elif isinstance(path_or_text, (str, bytes)):
        origin = "<text>"
        source = path_or_text
    else:
        raise DataFileError(f"{a_what} is read from a path or YAML text, got {type(path_or_text).__name__}")
    data = parse_yaml(source, origin, what=what)
    if not isinstance(data, dict):
        raise DataFileError(f"{origin}: {a_what} must be a YAML mapping, got {type(data).__name__}")
    return data


def data_path(name: str) -> Path:
    """Return the path of a shipped data file, from a wheel or from a source checkout.

    A file found nowhere is a :class:`~carbonaudit.errors.DataFileError` (the installation is
    incomplete), not a bare FileNotFoundError.
    """
    folders = (_PACKAGE_DATA, _SOURCE_DATA, _SOURCE_EXAMPLES)
    for folder in folders:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise DataFileError(
        f"carbonaudit data file {name!r} not found in {', '.join(str(f) for f in folders)}; the installation "
        "is incomplete: reinstall carbonaudit"
    )


def read_yaml(path: Path, *, what: str = "file") -> dict[Any, Any]:
    """Read and parse a YAML file with :func:`parse_yaml`; errors name the file.

    Every carbonaudit data file (factor files, the measure codes) is a mapping at the top level.

    Raises
    ------
    DataFileError
        As :func:`parse_yaml`, for a file over :data:`MAX_YAML_BYTES`, and for a document that
        is not a mapping (empty, a list, a bare value).
    OSError
        If the file cannot be read (the callers say which file it was meant to be).
    """
    data = parse_yaml(read_capped(path, what, MAX_YAML_BYTES), str(path), what=what)
    if not isinstance(data, dict):
        raise DataFileError(
            f"{path}: a carbonaudit {what} must be a YAML mapping at the top level (key: value lines), got "
            f"{'an empty file' if data is None else type(data).__name__}"
        )
    return data


@functools.cache
def factors_document() -> Any:
    """The parsed ``factors.yaml`` shipped with the package (parsed once per process)."""
    return read_yaml(data_path("factors.yaml"))
