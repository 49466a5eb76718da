"""Atomic file writing: a crash, a kill or a full disk never leaves a half-written file.

The text goes to a temporary file in the target's folder, is flushed to disk (fsync), and then
replaces the target in one rename. What the user had stays as it was:

* saving over a symbolic link writes to the file the link points to, and the link stays;
* saving over an existing file keeps that file's permissions (and, where allowed, its owner);
* a new file gets the mode the caller asks for: `PRIVATE` (0600, for answers, which are personal)
  or `FOLLOW_UMASK` (0666 less the umask, typically 0644, for reports meant to be shared).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

#: New files readable and writable by their owner only.
PRIVATE = 0o600
#: New files as any program makes them: 0666 less the process's umask.
FOLLOW_UMASK = None

#: Without a way to ask whether a writer still runs, a temporary file this old is a leftover.
_STALE_SECONDS = 24 * 3600

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "there is no permission to write there",
    errno.EPERM: "there is no permission to write there",
    errno.EROFS: "the folder is read-only",
    errno.ENOENT: "the folder does not exist",
    errno.EISDIR: "there is a folder of that name; choose another name",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ELOOP: "the path is a loop of symbolic links",
    errno.ENAMETOOLONG: "the name is too long",
}


class SaveError(OSError):
    """Writing a file failed; the previous file, if any, is unchanged.

    `str()` is the whole English sentence. `reason` is only the why ("the disk is full"), in
    English, and `kind` names a reason that has no errno of its own (`SPECIAL_KINDS`, "not_created",
    "pdf"), so that every front end can say it in the user's language
    (`diagnostic_text.save_reason`) instead of repeating the English sentence.
    """

    def __init__(self, code: int, message: str, *, reason: str = "", kind: str = "") -> None:
        super().__init__(code, message)
        self.reason = reason or message
        self.kind = kind


def _umask() -> int:
    try:  # Linux says it without changing it (os.umask can only be read by setting it)
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    old = os.umask(0o022)
    os.umask(old)
    return old


def write_atomic(path: str | Path, text: str | bytes, *, new_mode: int | None = FOLLOW_UMASK) -> None:
    """Write `text` to `path` atomically (see the module's description).

    Args:
        path: the file to write; a symbolic link is followed to the file it names.
        text: the content (a str is written as UTF-8).
        new_mode: the permissions of a file that does not exist yet: `PRIVATE`, `FOLLOW_UMASK` or
            a mode such as 0o640. An existing file always keeps its own.

    Raises:
        SaveError: with a message that says what went wrong; the previous file is untouched.
    """
    import tempfile  # only when writing: it pulls in `random`, which costs start-up time

    shown = Path(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    tmp_name = None
    try:
        target = Path(os.path.realpath(path)) if Path(path).is_symlink() else Path(path)
        folder = target.parent if str(target.parent) else Path()
        try:
            existing: os.stat_result | None = target.stat()
        except FileNotFoundError:
            existing = None
        if existing is not None and stat.S_ISDIR(existing.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
        if existing is not None and not stat.S_ISREG(existing.st_mode):
            # The rename would put a regular file in the place of a device, a named pipe or a
            # socket (run as root, `-o /dev/null` replaced /dev/null for the whole machine).
            kind = _special_kind(existing.st_mode)
            reason = f"{SPECIAL_KINDS[kind]}, not a regular file; choose a file name"
            raise SaveError(errno.EINVAL, f"Could not save {shown}: {reason}. It was left as it is.",
                            reason=reason, kind=kind)
        _remove_stale_temporaries(folder, target.name)
        # The writer's process id is in the name, so a later writer can tell a leftover from a
        # writer that was killed from one still at work.
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            if os.name != "posix":
                pass  # permissions there are not mode bits
            elif existing is not None:
                os.fchmod(fh.fileno(), stat.S_IMODE(existing.st_mode))
                with contextlib.suppress(OSError):  # only root may give a file away
                    if (existing.st_uid, existing.st_gid) != (os.getuid(), os.getgid()):
                        os.fchown(fh.fileno(), existing.st_uid, existing.st_gid)
            else:
                os.fchmod(fh.fileno(), (0o666 & ~_umask()) if new_mode is None else new_mode)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, target)
        tmp_name = None
        with contextlib.suppress(OSError):  # not every platform can fsync a folder
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    except SaveError:
        raise
    except OSError as exc:
        kind = ""
        if exc.errno == errno.ENOENT and Path(os.path.realpath(shown)).parent.is_dir():
            kind = "not_created"  # the folder is there (/proc): it takes no new files
        reason = _NOT_CREATED if kind else _REASONS.get(exc.errno or 0, exc.strerror or str(exc))
        raise SaveError(exc.errno or 0, f"Could not save {shown}: {reason}. The previous file, if any, is unchanged.",
                        reason=reason, kind=kind) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


#: The kinds of file that are neither regular files nor folders, as the start of a sentence.
SPECIAL_KINDS = {
    "fifo": "it is a named pipe (FIFO)",
    "socket": "it is a socket",
    "device": "it is a device",
    "special": "it is a special file",
}
_NOT_CREATED = "a new file cannot be made in that folder"


def _special_kind(mode: int) -> str:
    """Which of `SPECIAL_KINDS` a file that is neither a regular file nor a folder is."""
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special"


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    """Delete temporary files that writers of `name` left behind when they were killed mid-write.

    A temporary file ``.NAME.PID.XXXX.tmp`` is a leftover when process PID no longer runs (on
    POSIX) or, elsewhere, when it is more than a day old. Errors are ignored: this is tidying only.
    """
    import time

    prefix = f".{name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
                continue
            pid_text = entry.name[len(prefix):].split(".", 1)[0]
            if not pid_text.isdigit() or int(pid_text) == os.getpid():
                continue
            if os.name == "posix":
                try:
                    os.kill(int(pid_text), 0)  # signal 0 only asks whether the process exists
                    continue
                except ProcessLookupError:
                    pass
                except (PermissionError, OverflowError, ValueError):
                    continue
            elif time.time() - entry.stat().st_mtime < _STALE_SECONDS:
                continue
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
