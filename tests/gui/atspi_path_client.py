"""The AT-SPI side of the path walk (run with Debian's /usr/bin/python3, which has pyatspi).

Usage: python3 atspi_path_client.py FOLDER
Waits for each FOLDER/page-N of atspi_path_app.py, checks every showing control of the window (a
role, a name, focusable; one object focused at most; no combo box named by its value, no named filler, no unnamed
part of the status bar), writes FOLDER/ack-N, and at FOLDER/done prints one JSON object:
{"found": bool, "pages": [...], "checked": n, "problems": [...]}.
"""

import contextlib
import json
import sys
import time
from pathlib import Path

import pyatspi

sys.path.insert(0, str(Path(__file__).resolve().parent))
from atspi_client import INTERACTIVE, find_app, walk

#: Roles whose controls must take the keyboard focus (a list item is reached through its list).
MUST_FOCUS = INTERACTIVE - {pyatspi.ROLE_LIST_ITEM}


def children(node):
    out = []
    for i in range(node.childCount):
        with contextlib.suppress(Exception):  # a node that went away meanwhile
            out.append(node.getChildAtIndex(i))
    return out


def check(app):
    """(controls checked, problems, what the page shows: focused objects and named groups)."""
    problems, checked = [], 0
    focused, groups = [], 0
    for node in walk(app):
        try:
            role = node.getRole()
            states = node.getState()
            name = node.name or ""
            role_name = node.getRoleName()
        except Exception:
            continue
        if not states.contains(pyatspi.STATE_SHOWING):
            continue
        if states.contains(pyatspi.STATE_FOCUSED):
            focused.append(f"{role_name} {name}")
        if role == pyatspi.ROLE_FILLER and name and any(
                c.getState().contains(pyatspi.STATE_FOCUSABLE) for c in children(node)):
            problems.append({"problem": "a named filler holding controls (a group should say it is one)", "name": name})
        if role == pyatspi.ROLE_PANEL and name:
            groups += 1
        if role == pyatspi.ROLE_COMBO_BOX:
            values = {c.name for c in children(node)} | {g.name for c in children(node) for g in children(c)}
            if name in values:
                problems.append({"problem": "a combo box named by its value", "name": name})
        if role == pyatspi.ROLE_STATUS_BAR:
            for child in children(node):
                if not (child.name or "").strip():
                    problems.append({"problem": "an unnamed part of the status bar", "role": child.getRoleName()})
        focusable = states.contains(pyatspi.STATE_FOCUSABLE)
        if not (focusable or role in INTERACTIVE) or (role == pyatspi.ROLE_LIST_ITEM and not focusable):
            continue
        checked += 1
        where = {"role": role_name, "name": name}
        if not role_name or role == pyatspi.ROLE_UNKNOWN:
            problems.append({"problem": "no role", **where})
        if not name.strip():
            problems.append({"problem": "no name", "description": node.description, **where})
        if role in MUST_FOCUS and not focusable and states.contains(pyatspi.STATE_ENABLED):
            problems.append({"problem": "not focusable", **where})
    if len(focused) > 1:
        problems.append({"problem": "more than one object focused", "focused": focused})
    return checked, problems, {"focused": focused, "groups": groups}


def main():
    folder = Path(sys.argv[1])
    app = find_app("CloudWizard", 30)
    if app is None:
        print(json.dumps({"found": False, "pages": [], "checked": 0, "problems": []}))
        return
    pages, problems, checked, n = [], [], 0, 0
    end = time.time() + 240
    while time.time() < end:
        page = folder / f"page-{n}"
        if page.exists():
            name = page.read_text(encoding="utf-8")
            count, found, shown = check(app)
            pages.append({"page": name, "checked": count, **shown})
            checked += count
            problems += [{"page": name, **p} for p in found]
            (folder / f"ack-{n}").write_text("ok", encoding="utf-8")
            n += 1
        elif (folder / "done").exists():
            break
        else:
            time.sleep(0.1)
    print(json.dumps({"found": True, "pages": pages, "checked": checked, "problems": problems}))


if __name__ == "__main__":
    main()
