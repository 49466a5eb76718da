"""The fixed words of the domain: the four deployment models, three service layers, four languages.

Kept apart from `model` (which builds some twenty dataclasses when imported) so that code which
needs only these words — the command line's argument parser, the translation module, the first
page of the GUI — starts without paying for the rest.
"""

from __future__ import annotations

#: The four deployment models of NIST SP 800-145, in the default tie-break order (simplest first).
MODELS: tuple[str, ...] = ("public", "hybrid", "community", "private")
#: The three service layers, in the default tie-break order (least to run yourself first).
LAYERS: tuple[str, ...] = ("saas", "paas", "iaas")
#: Every option a score, a constraint or a trade-off can name.
OPTIONS: tuple[str, ...] = MODELS + LAYERS
#: The languages the app speaks.
LANGUAGES: tuple[str, ...] = ("nl", "fr", "de", "en")
