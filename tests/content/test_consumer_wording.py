"""Consumers get coherent runner-ups and no legal jargon without a one-line gloss (issue 10, section 3)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from cloudwizard.engine.influence import complete_answers
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.model import Question, QuestionType
from cloudwizard.engine.recommender import recommend

Q = load_bundled()
#: Trade-offs of equipment of one's own (a home NAS): never said of a consumer's private cloud, which
#: for a household is a server a provider runs for it alone.
OWN_DEVICE_WORDING = ("pay for the device", "device is stolen", "secure it yourself", "outside your home",
                      "do not depend on a cloud provider")


def _consumer_answers(rnd: random.Random) -> dict[str, Any]:
    def choose(question: Question, options: Sequence[Any]) -> Any:
        opts = list(options)
        if question.id == "audience":
            return "consumer"
        if question.type is QuestionType.MULTIPLE:
            return set(rnd.sample(opts, rnd.randint(1, min(3, len(opts)))))
        return rnd.choice(opts)

    return complete_answers(Q, choose)


def test_GIVEN_a_consumer_whose_runner_up_is_a_private_cloud_THEN_its_trade_offs_are_a_providers_server() -> None:
    rnd = random.Random(20261201)
    seen = 0
    for _ in range(400):
        deployment = recommend(Q, _consumer_answers(rnd), counterfactuals=False).deployment
        if deployment is None or deployment.runner_up != "private":
            continue
        seen += 1
        texts = [Q.text(t.text, "en") for t in deployment.runner_up_pros + deployment.runner_up_cons]
        assert not [t for t in texts if any(w in t for w in OWN_DEVICE_WORDING)], texts
        assert any("provider" in t for t in texts), texts
    assert seen >= 5, seen


def test_the_data_act_and_jurisdiction_are_glossed_where_consumers_read_them() -> None:
    reason = Q.constraints["eu_location"].reason
    glosses = {"en": ("EU law", "which country's law"), "nl": ("EU-wet", "welk land"),
               "fr": ("loi de l’UE", "quel pays"), "de": ("EU-Gesetz", "welches Landes")}
    for lang, words in glosses.items():
        text = Q.text(reason, lang)
        assert all(w in text for w in words), (lang, text)
    for pid in ("exit_clause",):
        for lang, word in (("en", "EU law"), ("nl", "EU-wet"), ("fr", "loi de l’UE"), ("de", "EU-Gesetz")):
            assert word in Q.text(Q.precautions[pid].text, lang), (pid, lang)


def test_the_switching_notice_glosses_the_data_act_and_says_jurisdiction_not_location() -> None:
    notice = next(n for n in Q.notices if n.id == "switching_rights")
    glosses = {"en": ("EU law", "which country's law"), "nl": ("EU-wet", "welk land"),
               "fr": ("loi de l’UE", "quel pays"), "de": ("EU-Gesetz", "welches Landes")}
    for lang, words in glosses.items():
        text = Q.text(notice.text, lang)
        assert all(w in text for w in words), (lang, text)
