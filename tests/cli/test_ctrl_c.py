"""Ctrl-C in ``cloudwizard ask`` is never missed and always ends with the answers kept.

The flaky CI failures ("the program did not end") came from a real race: Python runs a signal
handler between bytecodes, so a Ctrl-C that lands after readline has drawn the prompt but before
it blocks in ``select()`` was only marked pending, and the program waited for a key. These tests
open that window on purpose, so a regression fails every time instead of now and then.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.loader import load
from tests.cli.ptyterm import Terminal

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals and /proc as on Linux")

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"

# A stand-in for readline's window: the program is blocked in a read that Python does not watch
# (a C call), and the SIGINT's C-level handler has run on another thread, so the read is not
# interrupted. Only the guard's watcher can break it; without the guard this never ends.
_BLOCKED_READ = textwrap.dedent("""
    import ctypes, io, os, signal, sys, threading, time
    from pathlib import Path
    from cloudwizard.engine.loader import load
    from cloudwizard.terminal import TerminalAsker

    libc = ctypes.CDLL(None, use_errno=True)
    never, _unused = os.pipe()

    class Keyboard(io.TextIOBase):
        def __init__(self):
            self.lines = ["1\\n"]

        def readline(self):
            if self.lines:
                return self.lines.pop(0)
            def press():
                time.sleep(0.3)  # the main thread is in the read by now
                signal.pthread_kill(threading.get_ident(), signal.SIGINT)
            threading.Thread(target=press).start()
            libc.read(never, ctypes.create_string_buffer(1), 1)  # -1 (EINTR) only if interrupted
            return "read returned without a Ctrl-C\\n"

    save = Path(sys.argv[2])
    asker = TerminalAsker(load(Path(sys.argv[1])), "en", Keyboard(), io.StringIO(), save_path=save)
    print(asker.run().value, save.exists())
""")

# Ctrl-C while the answers are being saved: the save goes on to the end.
_DURING_SAVE = textwrap.dedent("""
    import io, os, signal, sys
    from pathlib import Path
    import cloudwizard.terminal as terminal
    from cloudwizard.engine.loader import load

    real_save = terminal.save_answers
    def save_answers(path, data):
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(1000):  # bytecodes: a pending handler runs here, not later
            pass
        return real_save(path, data)
    terminal.save_answers = save_answers

    save = Path(sys.argv[2])
    out = io.StringIO()
    asker = terminal.TerminalAsker(load(Path(sys.argv[1])), "en", io.StringIO("1\\nq\\ny\\n"), out,
                                   save_path=save)
    print(asker.run().value, save.exists())
""")


def _run(script: str, tmp_path: Path) -> tuple[str, Path]:
    saved = tmp_path / "answers.yaml"
    done = subprocess.run([sys.executable, "-c", script, str(EXAMPLE), str(saved)], cwd=REPO,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip(), saved


def test_a_ctrl_c_that_does_not_interrupt_the_read_still_stops_the_run(tmp_path: Path) -> None:
    printed, saved = _run(_BLOCKED_READ, tmp_path)
    assert printed == "interrupted True"
    result = read_answers(saved, load(EXAMPLE))
    assert result.data is not None and result.data.answers == {"audience": "consumer"}


def test_a_ctrl_c_while_saving_does_not_cut_the_save_short(tmp_path: Path) -> None:
    printed, saved = _run(_DURING_SAVE, tmp_path)
    assert printed == "interrupted True"  # the key is honoured after the save
    result = read_answers(saved, load(EXAMPLE))
    assert result.data is not None and result.data.answers == {"audience": "consumer"}


_SLOW_SELECT = r"""
/* Sleep before select(): a signal then runs its C handler while Python only marks it pending,
   which is the window in which CI lost a Ctrl-C under load. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/select.h>
#include <time.h>
int select(int n, fd_set *r, fd_set *w, fd_set *e, struct timeval *t) {
    static int (*real)(int, fd_set *, fd_set *, fd_set *, struct timeval *);
    struct timespec pause = {0, 300000000};
    if (!real) real = (int (*)(int, fd_set *, fd_set *, fd_set *, struct timeval *))dlsym(RTLD_NEXT, "select");
    nanosleep(&pause, NULL);
    return real(n, r, w, e, t);
}
"""


@pytest.fixture(scope="module")
def slow_select(tmp_path_factory: pytest.TempPathFactory) -> Path:
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler to build the select() shim")
    folder = tmp_path_factory.mktemp("shim")
    (folder / "slowselect.c").write_text(_SLOW_SELECT)
    subprocess.run([compiler, "-shared", "-fPIC", "-o", str(folder / "slowselect.so"), str(folder / "slowselect.c"),
                    "-ldl"], check=True, capture_output=True, timeout=120)
    return folder / "slowselect.so"


@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en"])
def test_ctrl_c_right_after_the_prompt_is_drawn_at_a_real_terminal(lang: str, slow_select: Path,
                                                                   tmp_path: Path) -> None:
    saved = tmp_path / "a.yaml"
    term = Terminal(["ask", "--questionnaire", str(EXAMPLE), "--lang", lang, "--save", str(saved)], columns=80,
                    cwd=tmp_path, env={"LD_PRELOAD": str(slow_select)})
    prompt = {"nl": "Nummer:", "fr": "Numéro :", "de": "Nummer:", "en": "Number:"}[lang]
    term.expect(prompt)
    term.send("1")
    term.expect({"nl": "spaties:", "fr": "espaces :", "de": "Leerzeichen:", "en": "spaces:"}[lang])
    term.send_raw(b"\x03")  # lands while the program sleeps before select(): before the fix, lost
    assert term.wait() == 130
    result = read_answers(saved, load(EXAMPLE))
    assert result.data is not None and result.data.answers == {"audience": "consumer"}
