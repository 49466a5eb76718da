"""Listen as a screen reader does while atspi_askback_app.py types a number that is asked back.

Run with Debian's /usr/bin/python3 (pyatspi). Prints one JSON object:
{"found": bool, "events": [{"type", "name", "role", "description", "detail"}, ...]} with the
announcements and the focus changes, in order.
"""

import json
import sys
from pathlib import Path

import pyatspi
from gi.repository import GLib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from atspi_client import find_app

#: How long to listen (s): the app types after 2.5 s and quits at 9 s.
LISTEN_S = 9


def main():
    app = find_app("CloudWizard", 30)
    events = []

    def heard(event):
        source = event.source
        try:
            events.append({"type": event.type, "name": source.name if source else "",
                           "role": source.getRoleName() if source else "",
                           "description": source.description if source else "",
                           "detail": event.detail1, "said": str(event.any_data)})
        except Exception as exc:  # the object went away meanwhile
            events.append({"type": event.type, "error": str(exc)})

    def kept(_event):  # listened to, as a screen reader does, so the client's cache of names stays fresh
        pass

    pyatspi.Registry.registerEventListener(heard, "object:announcement", "object:state-changed:focused")
    pyatspi.Registry.registerEventListener(kept, "object:property-change:accessible-name",
                                           "object:property-change:accessible-description")
    GLib.timeout_add(LISTEN_S * 1000, pyatspi.Registry.stop)
    pyatspi.Registry.start()
    print(json.dumps({"found": app is not None, "events": events}))


if __name__ == "__main__":
    main()
