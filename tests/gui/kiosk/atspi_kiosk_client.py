"""What a real AT-SPI client (pyatspi) is told of the kiosk's text-size and contrast buttons.

Run with Debian's /usr/bin/python3. Usage: atspi_kiosk_client.py NAME... (the buttons' names in the
kiosk's language). For each name: its role and states, then the same after the client pressed it
through its action interface, as a screen reader or switch access does. Prints one JSON object:
{"found": bool, "buttons": {name: {"role", "actions", "before": [states], "after": [states]}}}.
"""

import json
import sys
import time

import pyatspi

sys.path.insert(0, __file__.rsplit("/", 2)[0])
from atspi_client import find_app, walk


def states(node):
    return sorted(pyatspi.stateToString(s) for s in node.getState().getStates())


def find(app, name):
    for node in walk(app):
        try:
            if node.name == name and node.getState().contains(pyatspi.STATE_SHOWING):
                return node
        except Exception:
            continue
    return None


def main():
    app = find_app("CloudWizard", 20)
    if app is None:
        print(json.dumps({"found": False, "buttons": {}}))
        return
    time.sleep(0.5)
    buttons = {}
    for name in sys.argv[1:]:
        node = find(app, name)
        if node is None:
            buttons[name] = None
            continue
        entry = {"role": node.getRoleName(), "before": states(node)}
        action = node.queryAction()
        entry["actions"] = [action.getName(i) for i in range(action.nActions)]
        index = entry["actions"].index("Toggle") if "Toggle" in entry["actions"] else 0
        action.doAction(index)
        time.sleep(1.0)
        node = find(app, name)  # the style sheet changes with larger text: look it up again
        entry["after"] = states(node) if node is not None else None
        buttons[name] = entry
    print(json.dumps({"found": True, "buttons": buttons}))


if __name__ == "__main__":
    main()
