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
#: Not a cloud: you run it yourself on your own equipment (a home NAS, your own servers). It competes
#: with the four models as a way to deploy; its pair has no cloud service layer (`NO_LAYER`).
ON_PREMISES = "on_premises"
#: The "layer" of the pair "you run it yourself": no cloud service layer.
NO_LAYER = "none"
#: Every way to deploy the recommender ranks: the four models, then running it yourself.
DEPLOYMENTS: tuple[str, ...] = (*MODELS, ON_PREMISES)
#: Every option a score, a constraint or a trade-off can name.
OPTIONS: tuple[str, ...] = (*MODELS, *LAYERS, ON_PREMISES)
#: The languages the app speaks.
LANGUAGES: tuple[str, ...] = ("nl", "fr", "de", "en")
