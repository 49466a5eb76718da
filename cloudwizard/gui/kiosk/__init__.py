"""Kiosk mode for advice centres: full screen, idle reset, nothing kept between visitors, locked exit.

`mode.KioskMode` is attached to a wizard by the composition root (`cloudwizard.gui.app`). This
package's own ``__init__`` imports nothing, so ``python -m cloudwizard.gui.kiosk.pin`` (which makes
the PIN hash for the configuration file) runs without Qt.
"""

#: PBKDF2-HMAC-SHA256 work factor of the staff PIN (OWASP's 2023 advice), stored next to the hash so it
#: can change. Here rather than in `pin`, so the configuration, read at every start, need not import `pin`.
DEFAULT_PIN_ITERATIONS = 600_000
