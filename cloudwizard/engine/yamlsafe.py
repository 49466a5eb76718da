"""Reading YAML safely, keeping the position of every value.

We drive libyaml's event parser (``CSafeLoader`` when present) ourselves instead of calling
``yaml.safe_load``: that way every value keeps its ``line:column``, and the things a hostile or
broken file can do are refused with a clear message before they cost anything — object-building
tags, alias bombs, duplicate keys, absurd sizes, deep nesting, binary junk and wrong encodings.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cloudwizard.engine.model import Location

try:  # libyaml's C parser is ten times faster; the pure-Python one is a correct fallback.
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

#: Largest file we read. A generated questionnaire of 50,000 questions stays well below this.
MAX_BYTES = 32 * 1024 * 1024
#: Deepest nesting of mappings and sequences.
MAX_DEPTH = 64
#: How many values aliases may add by repeating an anchored value (the "billion laughs" guard).
MAX_ALIAS_EXPANSION = 100_000

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "!",
}

# YAML 1.1 also reads these as booleans; we keep them as strings but remember they were ambiguous.
_YAML11_BOOL = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9]+(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$")


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a large tree of values.

    The tree has no reference cycles, so the collector's passes find nothing; but as the tree
    grows they get longer, and loading would cost more than linear time (50,000 questions took
    14x the time of 5,000 with the collector on, 10x with it paused).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class YamlError(Exception):
    """A file that cannot be read as YAML at all, with where and why."""

    def __init__(self, message: str, location: Location, code: str = "yaml") -> None:
        super().__init__(f"{location}: {message}")
        self.message = message
        self.location = location
        self.code = code


@dataclass(slots=True, eq=False)
class Node:
    """A YAML value with its position.

    Attributes:
        kind: ``map``, ``seq``, ``str``, ``int``, ``float``, ``bool`` or ``null``.
        value: a ``dict[str, Node]`` for maps, a ``list[Node]`` for sequences, else the scalar.
        location: where the value starts.
        key_locations: for maps, where each key stands.
        yaml11_bool: the plain scalar was ``yes``/``no``/``on``/``off``, which YAML 1.1 reads as a
            boolean; it is kept as a string, and code that wanted a string can warn.
        quoted: the scalar was written in quotes (so a column inside it is one further on).
        size: how many values this one holds, itself included (for the alias guard).
    """

    kind: str
    value: Any
    location: Location
    key_locations: dict[str, Location] = field(default_factory=dict)
    yaml11_bool: bool = False
    quoted: bool = False
    size: int = 1

    def plain(self) -> Any:
        """The value as plain Python data (dicts, lists, scalars), positions dropped."""
        if self.kind == "map":
            return {k: v.plain() for k, v in self.value.items()}
        if self.kind == "seq":
            return [v.plain() for v in self.value]
        return self.value


# Plain scalars that are not strings, looked up before any regular expression runs.
_SPECIAL_WORDS: dict[str, tuple[str, Any]] = {
    "": ("null", None), "~": ("null", None), "null": ("null", None), "Null": ("null", None), "NULL": ("null", None),
    "true": ("bool", True), "True": ("bool", True), "TRUE": ("bool", True),
    "false": ("bool", False), "False": ("bool", False), "FALSE": ("bool", False),
}
_NUMBER_START = frozenset("0123456789+-.")


def _scalar(event: Any, loc: Location) -> Node:
    value: str = event.value
    tag = event.tag
    plain, quoted = event.implicit
    if tag is not None and not plain and not quoted:
        return _tagged_scalar(value, tag, loc)
    if not plain:
        return Node("str", value, loc, quoted=event.style in ("'", '"'))
    special = _SPECIAL_WORDS.get(value)
    if special is not None:
        return Node(special[0], special[1], loc)
    if value[0] in _NUMBER_START:
        if _INT.match(value):
            return Node("int", int(value.replace("_", "")), loc)
        if _FLOAT.match(value):
            return Node("float", float(value.replace("_", "")), loc)
    elif len(value) <= 3 and _YAML11_BOOL.match(value):
        return Node("str", value, loc, yaml11_bool=True)
    return Node("str", value, loc)


def plain_kind(value: str) -> str:
    """The kind this reader gives `value` written without quotes: ``str``, ``int``, ``float``, ``bool`` or ``null``.

    Writers use it to quote texts that would otherwise come back as something else (PyYAML follows
    YAML 1.1 and writes ``1e5`` without quotes; this reader, like YAML 1.2, reads it as a number).
    """
    special = _SPECIAL_WORDS.get(value)
    if special is not None:
        return special[0]
    if value[:1] and value[0] in _NUMBER_START:
        if _INT.match(value):
            return "int"
        if _FLOAT.match(value):
            return "float"
    return "str"


def _tagged_scalar(value: str, tag: str, loc: Location) -> Node:
    try:
        if tag in ("!", "tag:yaml.org,2002:str"):
            return Node("str", value, loc)
        if tag == "tag:yaml.org,2002:int":
            return Node("int", int(value), loc)
        if tag == "tag:yaml.org,2002:float":
            return Node("float", float(value), loc)
        if tag == "tag:yaml.org,2002:bool":
            return Node("bool", value.lower() == "true", loc)
        if tag == "tag:yaml.org,2002:null":
            return Node("null", None, loc)
    except ValueError:
        raise YamlError(f"{value!r} is not a valid {tag.rsplit(':', 1)[-1]}", loc) from None
    raise YamlError(_tag_message(tag), loc, "tag")


def _tag_message(tag: str) -> str:
    short = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
    return (f"the YAML tag '{short}' is not allowed: these files hold only texts, numbers, "
            "true/false, lists and mappings; remove the tag")


# Byte order marks of encodings people save text in by mistake (UTF-32 first: it starts like UTF-16).
_OTHER_ENCODINGS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise YamlError("the file is empty", Location(name, 1, 1), "empty")
    for bom, encoding in _OTHER_ENCODINGS:
        if data.startswith(bom):
            raise YamlError(f"the file is {encoding} text; save it as UTF-8", Location(name, 1, 1), "encoding")
    if b"\x00" in data[:8192]:
        raise YamlError(
            "this is a binary file, not YAML text", Location(name, 1, 1), "binary"
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8",
            Location(name, line, col),
            "encoding",
        ) from None


def read_path(path: str | Path, max_bytes: int = MAX_BYTES) -> Document:
    """Read and parse a YAML file, refusing what is not a sane YAML document.

    Raises:
        YamlError: with the position of the first problem.
    """
    name = str(path)
    p = Path(path)
    top = Location(name, 0, 0)
    if not p.exists():
        raise YamlError("no such file", top, "missing")
    if p.is_dir():
        raise YamlError("this is a folder, not a file", top, "directory")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise YamlError(
                f"the file is {size / 1_048_576:.1f} MB; the limit is {max_bytes // 1_048_576} MB",
                top,
                "size",
            )
        data = p.read_bytes()
    except OSError as exc:
        raise YamlError(f"cannot read the file: {exc.strerror or exc}", top, "io") from None
    return parse_bytes(data, name, max_bytes)


def parse_bytes(data: bytes, name: str = "<string>", max_bytes: int = MAX_BYTES) -> Document:
    """Parse YAML bytes (see `read_path`)."""
    if len(data) > max_bytes:
        raise YamlError(
            f"the document is {len(data) / 1_048_576:.1f} MB; the limit is {max_bytes // 1_048_576} MB",
            Location(name, 0, 0),
            "size",
        )
    return parse_text(_decode(data, name), name)


def parse_text(text: str, name: str = "<string>") -> Document:
    """Parse one YAML document from text (see `read_path`)."""
    if not text.strip():
        raise YamlError("the file is empty", Location(name, 1, 1), "empty")
    builder = _Builder(name)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name, 0, 0)
        raise YamlError(f"YAML syntax error: {_syntax_message(exc)}", loc, "syntax") from None
    except yaml.reader.ReaderError as exc:
        # The C reader counts characters of the text; turn that into a line and a column.
        pos = max(0, min(int(exc.position), len(text)))
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        raise YamlError(
            f"the file holds a control character (U+{int(exc.character):04X}) that YAML does not allow; remove it",
            Location(name, line, col),
            "syntax",
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"YAML error: {exc}", Location(name, 0, 0), "syntax") from None
    if builder.root is None:
        raise YamlError("the file holds no YAML document", Location(name, 1, 1), "empty")
    return Document(builder.root, builder.problems)


# What to do about the syntax errors people make most often.
_SYNTAX_TIPS = (
    ("tab character", "indent with spaces, not tabs"),
    ("character '\\t'", "indent with spaces, not tabs"),
    ("mapping values are not allowed", "put a text that holds ': ' in quotes"),
)


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    """The parser's problem, where the construct it was reading started, and a tip when we have one."""
    problem = exc.problem or exc.context or "invalid YAML"
    for needle, tip in _SYNTAX_TIPS:
        if needle in problem:
            return f"{problem}; {tip}"
    start, at = exc.context_mark, exc.problem_mark
    if exc.problem and exc.context and start is not None and (at is None or start.line != at.line):
        return f"{problem} ({exc.context} that starts at line {start.line + 1}, column {start.column + 1})"
    return problem


_IGNORED = "\x00ignored"


@dataclass(slots=True)
class Document:
    """A parsed file: its root value and the problems that did not stop the parse."""

    root: Node
    problems: list[YamlError]


class _Builder:
    """Turns parser events into `Node`s while enforcing the limits."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.stack: list[tuple[Node, str | None]] = []
        self.anchors: dict[str, Node] = {}
        self.root: Node | None = None
        self.documents = 0
        self.expanded = 0
        self.problems: list[YamlError] = []

    def _loc(self, event: Any) -> Location:
        mark = event.start_mark
        return Location(self.name, mark.line + 1, mark.column + 1)

    def feed(self, event: Any) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            mark = event.start_mark
            node = _scalar(event, Location(self.name, mark.line + 1, mark.column + 1))
            if event.anchor is not None:
                self.anchors[event.anchor] = node
            self._add(node)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            self._check_tag(event)
            if len(self.stack) >= MAX_DEPTH:
                raise YamlError(
                    f"the document is nested more than {MAX_DEPTH} levels deep",
                    self._loc(event),
                    "depth",
                )
            is_map = kind is yaml.MappingStartEvent
            node = Node("map" if is_map else "seq", {} if is_map else [], self._loc(event))
            if event.anchor is not None:
                self.anchors[event.anchor] = node
            self.stack.append((node, None))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            node, _ = self.stack.pop()
            children = node.value.values() if node.kind == "map" else node.value
            node.size = 1 + sum(child.size for child in children)
            self._add(node)
        elif kind is yaml.AliasEvent:
            target = self.anchors.get(event.anchor)
            if target is None:
                raise YamlError(f"unknown alias *{event.anchor}", self._loc(event), "alias")
            if any(target is open_node for open_node, _ in self.stack):
                raise YamlError(
                    f"the alias *{event.anchor} is inside the value anchored as &{event.anchor}, so it would "
                    "repeat itself endlessly (an endless loop); remove it",
                    self._loc(event),
                    "alias",
                )
            self.expanded += target.size
            if self.expanded > MAX_ALIAS_EXPANSION:
                raise YamlError(
                    "aliases repeat too much data (more than "
                    f"{MAX_ALIAS_EXPANSION:,} values): refused as an alias bomb",
                    self._loc(event),
                    "alias-bomb",
                )
            self._add(target)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise YamlError(
                    "the file holds more than one YAML document ('---'); keep one",
                    self._loc(event),
                    "documents",
                )

    def _check_tag(self, event: Any) -> None:
        tag = getattr(event, "tag", None)
        if tag is not None and not getattr(event, "implicit", True) and tag not in _STANDARD_TAGS:
            raise YamlError(_tag_message(tag), self._loc(event), "tag")

    def _add(self, node: Node) -> None:
        if not self.stack:
            self.root = node
            return
        parent, pending_key = self.stack[-1]
        if parent.kind == "seq":
            parent.value.append(node)
            return
        if pending_key is None:
            if node.kind not in ("str", "int", "float", "bool"):
                raise YamlError(
                    "a mapping key must be a plain name, not a list, mapping or empty value",
                    node.location,
                    "key",
                )
            key = node.value if node.kind == "str" else str(node.value).lower()
            if key in parent.key_locations:
                first = parent.key_locations[key]
                self.problems.append(
                    YamlError(
                        f"duplicate key {key!r} (first at line {first.line}); the later one is ignored",
                        node.location,
                        "duplicate-key",
                    )
                )
                self.stack[-1] = (parent, _IGNORED)
                return
            parent.key_locations[key] = node.location
            self.stack[-1] = (parent, key)
        elif pending_key == _IGNORED:
            self.stack[-1] = (parent, None)
        else:
            parent.value[pending_key] = node
            self.stack[-1] = (parent, None)
