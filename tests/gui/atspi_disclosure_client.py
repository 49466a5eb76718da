"""List the disclosure buttons and links of the running CloudWizard as a real AT-SPI client sees them.

Run with Debian's /usr/bin/python3 (pyatspi is a system package). Prints one JSON object:
{"found": bool, "nodes": [{"name", "role", "description", "focusable"}, ...]} for every node whose
name starts with "Why we ask this", "Show the details" or "Hide the details", and every push button
whose description names a web address.
"""

import json
import sys

import pyatspi

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from atspi_client import listen, walk

WANTED = ("Why we ask this", "Show the details", "Hide the details")


def main():
    app, done = listen({})  # the app's window is up and its event loop runs
    if app is None:
        print(json.dumps({"found": False, "nodes": []}))
        return
    nodes = []
    for node in walk(app):
        try:
            name, description = node.name or "", node.description or ""
            role = node.getRoleName()
            focusable = node.getState().contains(pyatspi.STATE_FOCUSABLE)
        except Exception:
            continue
        if name.startswith(WANTED) or "https://" in description:
            nodes.append({"name": name, "role": role, "description": description, "focusable": focusable})
    print(json.dumps({"found": True, "complete": done, "nodes": nodes}))


if __name__ == "__main__":
    main()
