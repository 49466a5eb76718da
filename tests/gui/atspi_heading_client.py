"""List the headings of the running CloudWizard as a real AT-SPI client sees them.

Run with Debian's /usr/bin/python3 (pyatspi is a system package). Prints one JSON object:
{"found": bool, "headings": [name, ...]}: every node whose role is "heading".
"""

import json
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from atspi_client import listen, walk


def main():
    app, done = listen({})  # the app's window is up and its event loop runs
    if app is None:
        print(json.dumps({"found": False, "headings": []}))
        return
    headings = []
    for node in walk(app):
        try:
            if node.getRoleName() == "heading":
                headings.append(node.name or "")
        except Exception:
            continue
    print(json.dumps({"found": True, "complete": done, "headings": headings}))


if __name__ == "__main__":
    main()
