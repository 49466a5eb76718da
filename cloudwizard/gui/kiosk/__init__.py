"""Kiosk mode for advice centres: full screen, idle reset, nothing kept between visitors, locked exit.

`mode.KioskMode` is attached to a wizard by the composition root (`cloudwizard.gui.app`). This
package's own ``__init__`` imports nothing, so ``python -m cloudwizard.gui.kiosk.pin`` (which makes
the PIN hash for the configuration file) runs without Qt.
"""
