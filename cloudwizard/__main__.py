"""``python -m cloudwizard``: the same as the ``cloudwizard`` command."""

import sys

from cloudwizard.cli import main

sys.exit(main())
