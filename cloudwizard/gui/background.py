"""Plain functions run on a worker thread, their results handed back on the GUI thread.

The engine knows nothing of Qt or threads: `Background.start` takes any callable (such as
``functools.partial(recommend, questionnaire, answers)``), runs it on Qt's global thread pool and
emits `Background.done` (or `Background.failed`) with the job's ticket. The signals belong to an
object of the GUI thread, so Qt queues them there: the slots run on the GUI thread, never on the
worker's. Whoever started the job decides from the ticket whether the result still matters.

The callable must not touch Qt objects or anything the GUI thread changes meanwhile: hand it copies.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Job(QRunnable):
    """One call of a function on a pool thread; reports through the `Background` that made it."""

    def __init__(self, relay: Background, ticket: int, function: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python keeps the job (Background._running) until it has reported
        self.relay = relay
        self.ticket = ticket
        self.function = function

    def run(self) -> None:
        """Call the function; emit its result or its exception (Qt queues both to the GUI thread)."""
        try:
            result = self.function()
        except BaseException as exc:  # every failure is reported on the GUI thread
            self.relay.failed.emit(self.ticket, exc)
        else:
            self.relay.done.emit(self.ticket, result)


class Background(QObject):
    """Starts jobs on worker threads; each gets a ticket, its result comes back with that ticket.

    Not parented on purpose: Python owns it, and a running job holds it, so the object a worker
    reports to is never deleted under it.

    Signals:
        done(int, object): a job's ticket and its result.
        failed(int, object): a job's ticket and the exception it raised.
    """

    done = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, pool: QThreadPool | None = None) -> None:
        super().__init__()
        self._pool = pool or QThreadPool.globalInstance()
        self._ticket = 0
        self._running: dict[int, _Job] = {}
        self.done.connect(self._forget)
        self.failed.connect(self._forget)

    def start(self, function: Callable[[], Any]) -> int:
        """Run `function` on a worker thread; returns the job's ticket."""
        self._ticket += 1
        job = _Job(self, self._ticket, function)
        self._running[self._ticket] = job
        self._pool.start(job)
        return self._ticket

    def running(self) -> int:
        """How many jobs have not reported yet."""
        return len(self._running)

    def _forget(self, ticket: int, _outcome: object) -> None:
        self._running.pop(ticket, None)
