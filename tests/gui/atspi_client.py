"""Walk the accessibility tree of the running CloudWizard with a real AT-SPI client (pyatspi).

Run with Debian's /usr/bin/python3 (pyatspi is a system package). Prints one JSON object:
{"found": bool, "checked": n, "problems": [...], "roles": {...}}.
"""

import json
import os
import sys
import time
from pathlib import Path

import pyatspi
from gi.repository import GLib

INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY, pyatspi.ROLE_LIST, pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_SLIDER, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_LINK, pyatspi.ROLE_PAGE_TAB,
}


def find_app(name, timeout):
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and (app.name or "").lower().startswith(name.lower()):
                return app
        time.sleep(0.3)
    return None


#: The sync protocol of tests/gui/atspi_run.py (the app's side is `run_app` there).
SYNC = "cw-sync "
DONE = "cw-done"
PATIENCE_S = 120


def listen(handlers, name="CloudWizard"):
    """Find the app, listen to it in step with its `run_app` until it is done; (the app, done).

    Args:
        handlers: {event type: callable} of the listeners (the announcements of the sync protocol
            itself are not passed on).
        name: the start of the app's name on the bus.

    Returns:
        The app's node (None when it never showed up) and whether the app said it was done before
        the client's patience ran out.
    """
    app = find_app(name, PATIENCE_S)
    if app is None:
        return None, False
    folder = Path(os.environ["CW_ATSPI_SYNC"])
    state = {"done": False}
    announced = handlers.get("object:announcement")

    def sync(event):
        text = str(event.any_data)
        if text.startswith(SYNC):  # everything the app did before it has been heard: say so
            (folder / f"ack-{text[len(SYNC):]}").write_text("ok", encoding="utf-8")
        elif text == DONE:
            state["done"] = True
            pyatspi.Registry.stop()
        elif announced is not None:
            announced(event)

    for event_type, handler in handlers.items():
        if event_type != "object:announcement":
            pyatspi.Registry.registerEventListener(handler, event_type)
    # Last: once the app's "cw-sync 0" is heard, every listener above reaches the app too.
    pyatspi.Registry.registerEventListener(sync, "object:announcement")

    def give_up():
        pyatspi.Registry.stop()
        return False

    GLib.timeout_add_seconds(PATIENCE_S, give_up)
    pyatspi.Registry.start()
    return app, state["done"]


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    for i in range(node.childCount):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1)


def main():
    app, done = listen({}, sys.argv[1] if len(sys.argv) > 1 else "CloudWizard")
    if app is None:
        print(json.dumps({"found": False, "checked": 0, "problems": [], "roles": {}}))
        return
    problems, roles, checked = [], {}, 0
    for node in walk(app):
        try:
            role = node.getRole()
            states = node.getState()
        except Exception:
            continue
        focusable = states.contains(pyatspi.STATE_FOCUSABLE)
        showing = states.contains(pyatspi.STATE_SHOWING)
        if not showing or not (focusable or role in INTERACTIVE):
            continue
        if role == pyatspi.ROLE_LIST_ITEM and not focusable:
            continue
        checked += 1
        role_name = node.getRoleName()
        roles[role_name] = roles.get(role_name, 0) + 1
        if not role_name or role == pyatspi.ROLE_UNKNOWN:
            problems.append({"problem": "no role", "name": node.name})
        if not (node.name or "").strip():
            problems.append({"problem": "no name", "role": role_name, "description": node.description})
    print(json.dumps({"found": True, "complete": done, "checked": checked, "problems": problems, "roles": roles}))


if __name__ == "__main__":
    main()
