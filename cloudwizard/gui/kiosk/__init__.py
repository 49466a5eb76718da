"""Kiosk mode for advice centres: full screen, idle reset, nothing kept between visitors, locked exit.

`mode.KioskMode` is attached to a wizard by the composition root (`cloudwizard.gui.app`). The staff
PIN's hashing and lockout are plain Python and live outside the GUI, in `cloudwizard.kioskpin`.
"""
