"""Listen as a screen reader does while atspi_idle_app.py's idle warning appears and counts down.

Run with Debian's /usr/bin/python3 (pyatspi). Prints one JSON object:
{"found": bool, "events": [{"type", "name", "role", "said"}, ...], "alert": {...} or None,
"focused": {...} or None}: the announcements and focus changes in order, and, a second after the
first announcement, the showing alert (role, name, description, its texts) and the focused object.
"""

import json
import sys
from pathlib import Path

import pyatspi
from gi.repository import GLib

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from atspi_client import find_app, walk

#: How long to listen (s): the warning appears after about 4 s, the app quits at about 16 s.
LISTEN_S = 18


def describe(node):
    return {"role": node.getRoleName(), "name": node.name, "description": node.description,
            "states": sorted(pyatspi.stateToString(s) for s in node.getState().getStates())}


def main():
    app = find_app("CloudWizard", 30)
    report = {"found": app is not None, "events": [], "alert": None, "focused": None}

    def look():
        for node in walk(app):
            try:
                states = node.getState()
                if node.getRole() == pyatspi.ROLE_ALERT and states.contains(pyatspi.STATE_SHOWING):
                    entry = describe(node)
                    entry["texts"] = [n.name for n in walk(node) if n.getRoleName() == "label"]
                    report["alert"] = entry
                if states.contains(pyatspi.STATE_FOCUSED):
                    report["focused"] = describe(node)
            except Exception:
                continue
        return False

    def heard(event):
        source = event.source
        try:
            report["events"].append({"type": event.type, "name": source.name if source else "",
                                     "role": source.getRoleName() if source else "", "said": str(event.any_data)})
        except Exception as exc:  # the object went away meanwhile
            report["events"].append({"type": event.type, "error": str(exc)})
        if event.type == "object:announcement" and report["alert"] is None:
            GLib.timeout_add(1000, look)

    def kept(_event):  # listened to, as a screen reader does, so the client's cache of names stays fresh
        pass

    if app is not None:
        pyatspi.Registry.registerEventListener(heard, "object:announcement", "object:state-changed:focused")
        pyatspi.Registry.registerEventListener(kept, "object:property-change:accessible-name",
                                               "object:property-change:accessible-description")
        GLib.timeout_add(LISTEN_S * 1000, pyatspi.Registry.stop)
        pyatspi.Registry.start()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
