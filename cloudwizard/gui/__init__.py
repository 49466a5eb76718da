"""The desktop wizard (PySide6): pages, widgets and the composition root in `app.py`."""
