"""Listen as a screen reader does while an app script plays its steps (atspi_askback_app.py, atspi_required_app.py).

Run with Debian's /usr/bin/python3 (pyatspi). Prints one JSON object:
{"found": bool, "complete": bool, "events": [{"type", "name", "role", "description", "detail", "said"}, ...]}
with the announcements and the focus changes, in order, heard until the app said it was done.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from atspi_client import listen


def main():
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

    app, done = listen({"object:state-changed:focused": heard, "object:announcement": heard,
                        "object:property-change:accessible-name": kept,
                        "object:property-change:accessible-description": kept})
    print(json.dumps({"found": app is not None, "complete": done, "events": events}))


if __name__ == "__main__":
    main()
