"""A pseudo-terminal to drive ``cloudwizard ask`` as a person would (standard library only).

The child gets the terminal as its controlling terminal, with a window size set before it starts,
so ``shutil.get_terminal_size`` and Ctrl-C behave as in a real terminal.

Waiting is generous (60 s: eight test runs may share two cores) but a real hang fails fast: when
the program has printed nothing for `IDLE` seconds while it sleeps without using the processor and
has no child process, it is waiting for input that the test will not give. It is then sent SIGABRT,
and Python's fault handler (``PYTHONFAULTHANDLER``) prints where every thread stands, which the
failure shows.
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
#: How long to wait for a text or for the end (generous: the machine may be shared and loaded).
TIMEOUT = 60.0
#: Seconds of waiting without output or processor time after which the program is taken to be stuck.
IDLE = 10.0


class Terminal:
    """One program running in a pseudo-terminal of `columns` × 40."""

    def __init__(self, args: list[str], *, columns: int, cwd: Path, env: dict[str, str | None] | None = None) -> None:
        self.columns = columns
        self.sent: list[str] = []
        self._raw = self._buffer = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._seen = 0
        self._raw_seen = 0  # how far `expect_raw` has read the raw output
        environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        # PAGER=cat: the advice is read in full here, not through less (tests/cli/test_pager* cover paging).
        environment.update({"PYTHONPATH": str(REPO), "TERM": "xterm", "LANG": "C.UTF-8", "PYTHONUTF8": "1",
                            "PAGER": "cat", "PYTHONFAULTHANDLER": "1"})
        environment.update({k: v for k, v in (env or {}).items() if v is not None})
        for name in [k for k, v in (env or {}).items() if v is None]:  # None: not set at all (PAGER unset)
            environment.pop(name, None)
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become the program
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
                os.chdir(cwd)
                os.execve(sys.executable, [sys.executable, "-m", "cloudwizard", *args], environment)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.status: int | None = None
        self._last_output = time.monotonic()
        self._last_cpu: tuple[int, float] = (-1, time.monotonic())

    def _pump(self, timeout: float) -> bool:
        ready, _w, _x = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # the child has gone and the terminal is closed
            return False
        if not data:
            return False
        self._raw += self._decoder.decode(data)  # a character may be split between two reads
        self._buffer = self._raw.replace("\r\n", "\n")
        self._last_output = time.monotonic()
        return True

    def _idle(self) -> bool:
        """Whether the program has sat waiting (for input) for `IDLE` seconds: asleep, no output, no CPU, no child."""
        now = time.monotonic()
        try:
            tasks = list(Path(f"/proc/{self.pid}/task").iterdir())
            states, cpu, children = [], 0, ""
            for task in tasks:
                fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
                states.append(fields[0])
                cpu += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
                children += (task / "children").read_text()
        except (OSError, IndexError, ValueError):
            return False  # it is ending, or /proc cannot tell: rely on the deadline
        if cpu != self._last_cpu[0] or children.strip() or any(state not in "S" for state in states):
            self._last_cpu = (cpu, now)
            return False
        return now - max(self._last_cpu[1], self._last_output) > IDLE

    def _fail(self, message: str) -> None:
        """Stop the program (with a stack dump when it is stuck) and fail with `message` and the screen's end."""
        if not self._exited():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGABRT)  # the fault handler prints every thread's stack
            end = time.monotonic() + 5
            while time.monotonic() < end and not self._exited():
                self._pump(0.1)
            while self._pump(0.05):
                pass
        self.kill()  # a failed test must not leave the program waiting for input forever
        raise AssertionError(f"{message}; the screen ends with:\n{self._buffer[-3000:]}")

    def expect(self, text: str, timeout: float = TIMEOUT) -> str:
        """Wait until `text` appears after what was already seen, wherever lines were wrapped.

        Returns the output since the last expectation, up to the end of the line that completes it.
        """
        deadline = time.monotonic() + timeout
        wanted = flat(text)
        while True:
            rest = self._buffer[self._seen:]
            if wanted in flat(rest):
                # consume up to the end of the first line that completes the match, not beyond
                ends = [i for i, c in enumerate(rest) if c == "\n"] + [len(rest)]
                end = next(e for e in ends if wanted in flat(rest[:e + 1]))
                self._seen += end + 1
                return rest[:end + 1]
            self._wait_for(text, deadline, timeout)

    def press_until(self, key: bytes, text: str, every: float = 0.5, timeout: float = TIMEOUT) -> None:
        """Press `key`, again every `every` seconds, until `text` appears in the raw output (see `expect_raw`).

        For a key right after Ctrl-C: the terminal throws away what was typed but not yet read when
        it sends SIGINT (no NOFLSH), so one press may be lost; a key that is answered is not.
        """
        deadline = time.monotonic() + timeout
        while True:
            self.send_raw(key)
            again = time.monotonic() + every
            while time.monotonic() < again:
                found = self._raw.find(text, self._raw_seen)
                if found >= 0:
                    self._raw_seen = found + len(text)
                    return
                self._wait_for(text, deadline, timeout)

    def _wait_for(self, text: str, deadline: float, timeout: float) -> None:
        """Read more output, or fail: the program ended, the time is up, or it waits for input."""
        if self._pump(0.2):
            return
        if self._exited():
            self._fail(f"{text!r} did not appear before the program ended")
        if time.monotonic() > deadline:
            self._fail(f"{text!r} did not appear within {timeout:g} s (raw end: {self._raw[-120:]!r})")
        if self._idle():
            self._fail(f"{text!r} did not appear: the program waits for input (idle for {IDLE} s)")

    def expect_raw(self, text: str, timeout: float = TIMEOUT) -> None:
        """Wait until `text` appears in the raw output (escape sequences and all) after the last `expect_raw`.

        For synchronising on what a full-screen program draws (a pager's prompt, its bell), where
        `expect`'s line-by-line view does not apply.
        """
        deadline = time.monotonic() + timeout
        while True:
            found = self._raw.find(text, self._raw_seen)
            if found >= 0:
                self._raw_seen = found + len(text)
                return
            self._wait_for(text, deadline, timeout)

    def send(self, line: str) -> None:
        """Type `line` and press Enter."""
        self.sent.append(line)
        os.write(self.fd, line.encode() + b"\r")

    def send_raw(self, data: bytes) -> None:
        """Press keys (e.g. b'\\x03' for Ctrl-C, b'\\x04' for Ctrl-D at the start of a line)."""
        os.write(self.fd, data)

    def kill(self) -> None:
        """End the program (when a test gives up on it) and reap it."""
        if not self._exited():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, 9)
            with contextlib.suppress(ChildProcessError):
                _pid, status = os.waitpid(self.pid, 0)
                self.status = os.waitstatus_to_exitcode(status)
        with contextlib.suppress(OSError):
            os.close(self.fd)

    def _exited(self) -> bool:
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
        return self.status is not None

    def wait(self, timeout: float = TIMEOUT) -> int:
        """Read the rest of the output and return the exit status."""
        deadline = time.monotonic() + timeout
        while not self._exited():
            if self._pump(0.1):
                continue
            if time.monotonic() > deadline:
                self._fail(f"the program did not end within {timeout:g} s")
            if self._idle():
                self._fail(f"the program did not end: it waits for input (idle for {IDLE} s)")
        while self._pump(0.05):
            pass
        with contextlib.suppress(OSError):
            os.close(self.fd)
        assert self.status is not None
        return self.status

    @property
    def screen(self) -> str:
        """Everything printed so far (line ends normalised), without colour and erase-line sequences."""
        return _SGR.sub("", self._buffer)

    def overlong_lines(self, text: str | None = None) -> list[str]:
        """Lines wider than the terminal, not counting what was typed at the end of a prompt line.

        A line holding one word longer than the terminal (a long file path) cannot be helped, nor
        can the shell's line continuation (`` \\``) after such a word in a command.
        """
        out = []
        for line in (self.screen if text is None else _SGR.sub("", text)).split("\n"):
            shown = line
            for typed in sorted(self.sent, key=len, reverse=True):
                if typed and shown.endswith(typed):
                    shown = shown[: -len(typed)]
                    break
            words = shown.split()
            if words[-1:] == ["\\"]:
                words.pop()
            if len(shown.rstrip()) > self.columns and len(words) > 1:
                out.append(line)
        return out


# Select Graphic Rendition (colour, bold) and erase-to-end-of-line: zero width on the screen.
_SGR = re.compile(r"\x1b\[[0-9;]*[mK]")


def flat(text: str) -> str:
    """`text` with every run of spaces and line breaks (no-break spaces included) as one space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def words_intact(screen: str, text: str) -> bool:
    """Whether `text` appears on `screen` with its words whole (line breaks only where it had spaces)."""
    return flat(text) in flat(screen)


def to_stop_question(term: Terminal, gettext: Callable[[str], str]) -> None:
    """In `ask` on the example questionnaire without ``--save``: answer 1, then "q" at the next question.

    Waits until the three-way stop question is asked (save and stop, stop without saving, go on), in
    the language of `gettext`; the answers so far are {"audience": "consumer"}.
    """
    _ = gettext
    term.expect(_("Number: "))
    term.send("1")
    term.expect(_("Numbers, separated by commas or spaces: "))
    term.send("q")
    term.expect(_("Stop now? {yes} = save your answers in {path} and stop, {discard} = stop without "
                  "saving, {no} = go on:").format(yes=_("y"), path="cloudwizard-answers.yaml", discard=_("d"),
                                                  no=_("n")))
