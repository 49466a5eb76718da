"""Walk the accessibility tree of the running CloudWizard with a real AT-SPI client (pyatspi).

Run with Debian's /usr/bin/python3 (pyatspi is a system package). Prints one JSON object:
{"found": bool, "checked": n, "problems": [...], "roles": {...}}.
"""

import json
import sys
import time

import pyatspi

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
    app = find_app(sys.argv[1] if len(sys.argv) > 1 else "CloudWizard", 20)
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
    print(json.dumps({"found": True, "checked": checked, "problems": problems, "roles": roles}))


if __name__ == "__main__":
    main()
