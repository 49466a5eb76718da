"""A tiny valid questionnaire to build engine tests on (English only, so no translation noise)."""

from __future__ import annotations

import textwrap

HEADER = """\
format: 1
id: mini
version: "1"
languages: [en]
fallback_language: en
title: {en: Mini}
"""


#: The audience question and audiences of the tests whose first question asks who it is for
#: (``who``: ``me`` or ``firm``).
ME_OR_FIRM = """\
audience_question: who
audiences:
  - {id: me, label: {en: Me}}
  - {id: firm, label: {en: Firm}}
"""


def mini(body: str, *, audiences: str = "") -> str:
    """HEADER, then `audiences` (e.g. `ME_OR_FIRM`), then a dedented body (sections, rules, …)."""
    return HEADER + audiences + textwrap.dedent(body)


BASIC = mini(
    audiences=ME_OR_FIRM,
    body="""\
    constraints:
      - id: no_public
        title: {en: No public}
        reason: {en: Secret}
        rules_out: [public]
    precautions:
      - id: backup
        title: {en: Back up}
        text: {en: Keep three copies.}
        category: backup
    sections:
      - id: s1
        title: {en: One}
        questions:
          - id: who
            type: single
            label: {en: Who?}
            choices:
              - {id: me, label: {en: Me}, score: {public: 2, saas: 2}, because: {en: Private use.}}
              - {id: firm, label: {en: Firm}, score: {hybrid: 1}, because: {en: A firm.}}
          - id: size
            type: number
            when: who == 'firm'
            label: {en: Staff?}
            min: 1
            max: 1000
            effects:
              - when: value >= 50
                score: {hybrid: 3, iaas: 2}
                because: {en: Big firm.}
            validation:
              - rule: value <= 500
                message: {en: Too big.}
      - id: s2
        title: {en: Two}
        when: answered(who)
        questions:
          - id: kinds
            type: multiple
            label: {en: Kinds?}
            choices:
              - {id: photos, label: {en: Photos}, precautions: [backup]}
              - {id: secret, label: {en: Secret}, when: who == 'firm', constraints: [no_public], score: {private: 4},
                 because: {en: Secrets stay in.}}
              - {id: none, label: {en: None}, exclusive: true}
          - id: offline
            type: yesno
            required: "'photos' in kinds"
            label: {en: Offline copy?}
    """
)
