"""Listen as a screen reader does while atspi_notice_app.py shows the autosave notice, then walk to it.

Run with Debian's /usr/bin/python3 (pyatspi). Prints one JSON object:
{"found": bool, "complete": bool, "said": [announcements, in order], "focused": [{"name", "role"}
of each object that got the focus, in order], "nodes": [{"name", "role", "description",
"focusable", "showing"}, ...]} with the nodes of the window that are showing once the notice is up.
"""

import json
import sys
from pathlib import Path

import pyatspi

sys.path.insert(0, str(Path(__file__).resolve().parent))
from atspi_client import listen, walk


def main():
    said = []
    focused = []

    def heard(event):
        said.append(str(event.any_data))

    def focus(event):
        if not event.detail1:
            return
        node = event.source
        focused.append({"name": node.name or "", "role": node.getRoleName()})

    app, done = listen({"object:state-changed:focused": focus, "object:announcement": heard})
    nodes = []
    for node in walk(app) if app is not None else ():
        try:
            states = node.getState()
            if not states.contains(pyatspi.STATE_SHOWING):
                continue
            nodes.append({"name": node.name or "", "role": node.getRoleName(), "description": node.description or "",
                          "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
                          "showing": True})
        except Exception:  # the object went away meanwhile
            continue
    print(json.dumps({"found": app is not None, "complete": done, "said": said, "focused": focused,
                      "nodes": nodes}))


if __name__ == "__main__":
    main()
