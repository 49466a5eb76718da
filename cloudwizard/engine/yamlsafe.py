"""Reading YAML safely, keeping the position of every value.

We drive libyaml's event parser (``CSafeLoader`` when present) ourselves instead of calling
``yaml.safe_load``: that way every value keeps its ``line:column``, and the things a hostile or
broken file can do are refused with a clear message before they cost anything — object-building
tags, alias bombs, duplicate keys, absurd sizes, deep nesting, binary junk and wrong encodings.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import math
import os
import re
import stat
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
#: How many values (texts, numbers, lists, mappings, keys included) a document may hold. A questionnaire
#: of 50,000 questions holds about 1.2 million; a 30 MB list of 15 million tiny items took a minute and
#: 4 GB to build, so reading stops when the count is passed (after 2 million, whatever the file holds).
MAX_VALUES = 2_000_000
#: Largest size of a number: the largest finite double. Beyond it a number cannot be computed with.
MAX_NUMBER = 1.7976931348623157e308
#: More digits than this cannot be a number below MAX_NUMBER (and Python refuses to convert over 4,300).
_MAX_DIGITS = 309

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
            return Node("int", _int(value.replace("_", ""), loc), loc)
        if _FLOAT.match(value):
            return Node("float", _float(value.replace("_", ""), loc), loc)
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


def _shown_number(text: str) -> str:
    text = text.strip()
    if len(text) <= 24:
        return text
    unit = "digits" if text.lstrip("+-").isdigit() else "characters"
    return f"{text[:12]}…{text[-6:]} ({len(text.lstrip('+-'))} {unit})"


def _too_large(text: str, loc: Location) -> YamlError:
    return YamlError(f"the number {_shown_number(text)} is too large: numbers must stay below 1.8e308 in size",
                     loc, "number")


def _int(text: str, loc: Location) -> int:
    """A whole number that can be computed with (its size fits a double), else a located error."""
    digits = text.lstrip("+-")
    if len(digits.lstrip("0")) > _MAX_DIGITS:  # checked before int(): Python refuses over 4,300 digits
        raise _too_large(text, loc)
    number = int(text)
    if abs(number) > MAX_NUMBER:
        raise _too_large(text, loc)
    return number


def _float(text: str, loc: Location) -> float:
    """A finite number, else a located error (``1e400`` is infinity to Python, ``nan`` no number)."""
    number = float(text)
    if math.isnan(number):
        raise YamlError("not-a-number (NaN) is not allowed; write a number", loc, "number")
    if math.isinf(number):
        lowered = text.strip().lower().lstrip("+-.")
        if lowered.startswith("inf"):
            raise YamlError("infinity is not allowed; write a number", loc, "number")
        raise _too_large(text, loc)
    return number


def _tagged_scalar(value: str, tag: str, loc: Location) -> Node:
    try:
        if tag in ("!", "tag:yaml.org,2002:str"):
            return Node("str", value, loc)
        if tag == "tag:yaml.org,2002:int":
            return Node("int", _int(value.strip(), loc), loc)
        if tag == "tag:yaml.org,2002:float":
            return Node("float", _float(value.strip(), loc), loc)
        if tag == "tag:yaml.org,2002:bool":
            if value.strip().lower() not in ("true", "false"):
                raise ValueError(value)
            return Node("bool", value.strip().lower() == "true", loc)
        if tag == "tag:yaml.org,2002:null":
            if value.strip() not in ("", "~", "null", "Null", "NULL"):
                raise ValueError(value)
            return Node("null", None, loc)
    except ValueError:
        raise YamlError(f"'{_shown_number(value)}' is not a valid {tag.rsplit(':', 1)[-1]}", loc, "tag") from None
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
    # An empty, binary or UTF-16/32 file is a problem of the whole file: ``FILE:``, no made-up 1:1.
    if not data.strip():
        raise YamlError("the file is empty", Location(name, 0, 0), "empty")
    for bom, encoding in _OTHER_ENCODINGS:
        if data.startswith(bom):
            raise YamlError(f"the file is {encoding} text; save it as UTF-8", Location(name, 0, 0), "encoding")
    if b"\x00" in data[:8192]:
        raise YamlError(
            "this is a binary file, not YAML text", Location(name, 0, 0), "binary"
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

    Only a regular file is read (a FIFO would block for ever, ``/dev/zero`` never ends), and never
    more than `max_bytes` of it, whatever its size claims to be.

    Raises:
        YamlError: with the position of the first problem.
    """
    name = str(path)
    return parse_bytes(read_bounded(path, max_bytes), name, max_bytes)


def _kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bounded(path: str | Path, max_bytes: int) -> bytes:
    """The bytes of the regular file at `path`, at most `max_bytes` of them.

    Raises:
        YamlError: no such file, a symlink loop, not a regular file (a folder, FIFO, device,
            socket; symlinks are followed), too big, or unreadable. Located at ``FILE:0:0``.
    """
    name = str(path)
    top = Location(name, 0, 0)

    def failed(exc: OSError) -> YamlError:
        if exc.errno == errno.ENOENT:
            return YamlError("no such file", top, "missing")
        if exc.errno == errno.ELOOP:
            return YamlError("the path is a loop of symbolic links that never reaches a file", top, "io")
        if exc.errno == errno.ENOTDIR:
            return YamlError("no such file (a part of the path is not a folder)", top, "missing")
        return YamlError(f"cannot read the file: {exc.strerror or exc}", top, "io")

    try:
        info = Path(path).stat()
    except OSError as exc:
        raise failed(exc) from None
    except ValueError:  # a NUL character in the path
        raise YamlError("no such file", top, "missing") from None
    kind = _kind_of(info.st_mode)
    if kind == "a folder":
        raise YamlError("this is a folder, not a file", top, "directory")
    if kind is not None:
        raise YamlError(f"this is {kind}, not a regular file; only regular files are read", top, "not-a-file")
    if info.st_size > max_bytes:
        raise _size_error(info.st_size, max_bytes, top)
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO since the check, opening must not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise failed(exc) from None
    try:
        kind = _kind_of(os.fstat(fd).st_mode)
        if kind is not None:
            raise YamlError(f"this is {kind}, not a regular file; only regular files are read", top, "not-a-file")
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:  # st_size may lie (a growing file): never read more than the limit allows
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise failed(exc) from None
    finally:
        os.close(fd)
    if total > max_bytes:
        raise YamlError(f"the file is larger than the limit of {max_bytes // 1_048_576} MB", top, "size")
    return b"".join(chunks)


def _size_error(size: int, max_bytes: int, top: Location) -> YamlError:
    return YamlError(f"the file is {size / 1_048_576:.1f} MB; the limit is {max_bytes // 1_048_576} MB", top, "size")


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
        raise YamlError("the file is empty", Location(name, 0, 0), "empty")
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
        raise YamlError("the file holds no YAML document", Location(name, 0, 0), "empty")
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
        self.values = 0
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
        if tag is None or getattr(event, "implicit", True):
            return
        if tag not in _STANDARD_TAGS:
            raise YamlError(_tag_message(tag), self._loc(event), "tag")
        is_map = type(event) is yaml.MappingStartEvent
        if tag not in ("!", "tag:yaml.org,2002:map" if is_map else "tag:yaml.org,2002:seq"):
            short = "!!" + tag[len("tag:yaml.org,2002:"):]
            raise YamlError(f"the YAML tag '{short}' cannot stand on a {'mapping' if is_map else 'list'}; remove the tag",
                            self._loc(event), "tag")

    def _add(self, node: Node) -> None:
        self.values += 1
        if self.values > MAX_VALUES:
            raise YamlError(f"the file holds more than {MAX_VALUES:,} values; that is not a questionnaire "
                            "or an answers file CloudWizard can use", node.location, "size")
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
