"""Every French, Dutch and German text a user reads keeps to its language's typography, one way only.

The rules are the project's own, not a second set: the quotes are those of the reports
(`cloudwizard.engine.report.style.QUOTES`: French « … » with no-break spaces, German „…“, Dutch
“…”), the apostrophe is U+2019 (`cloudwizard.engine.typography.APOSTROPHE`: l’option, foto’s), and a
French catalog text is already what `typography.typeset` makes of it (a no-break space before
``; : ? !`` and inside « »), as the advice page shows it. Questionnaire texts are typeset when they are
loaded (`Questionnaire.text`), so they need only the right apostrophe and quotes.

English questionnaire texts use the English quotes of the reports (“…”, `QUOTES['en']`) as the English
catalog texts already do; their apostrophe stays the typewriter one they all use (``people's``), since
the project's U+2019 rule is for French, Dutch and German. In every language a dash between words is the
spaced en dash (``3-2-1 – three copies``), never a spaced hyphen `` - ``.

Code quoted in a message (a YAML snippet such as ``{chosen: hybrid, reason: '…'}``, a shell command
such as ``pip install 'PySide6-Essentials<6.12'``, text between backticks, a web address) keeps its
typewriter marks. Each offender is named with its file and line.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from cloudwizard.engine.report.style import QUOTES
from cloudwizard.engine.typography import APOSTROPHE, typeset

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "resources" / "locale"
LANGS = ("fr", "nl", "de")
#: The bundled files with texts keyed by language (a questionnaire's ``fr:``, ``nl:``, ``de:``).
QUESTIONNAIRES = sorted((ROOT / "questionnaires").rglob("*.yaml"))
METAINFO = ROOT / "packaging" / "linux" / "be.cloudwizard.CloudWizard.metainfo.xml"

#: Code inside a message: its typewriter quotes are what the user types, not prose.
CODE = re.compile(r"`[^`\n]*`|\w+: \{[^{}\n]*\}|\{[^{}\n]*: [^{}\n]*\}|\(pip install [^)]*\)"
                  r"|\b[A-Za-z][A-Za-z0-9+.\-]*://\S*|\bwww\.\S*"
                  # a condition as the author writes it: 'x' in {expr}, {qid} == '…', ('a', 'b')
                  r"|'[^'{}\n]*' (?:not )?in \{?\w+\}?|\{?\w+\}? [!=]= '[^'\n]*'|\('[^'\n]*'(?:, '[^'\n]*')*\)"
                  # a YAML value to type in quotes ("write it in quotes: 'yes'"), in every language
                  r"|'\{quoted\}'")
TYPEWRITER_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=&?[^\W\d_])")  # "l'option", "l'&aide", "foto's"
#: Every double quote of the four languages; each language may use its own pair only.
DOUBLE_QUOTES = "«»„“”"
#: A spaced hyphen used as a dash ("the end - what if"), also at the end of a line of a folded text.
SPACED_HYPHEN = re.compile(r"(?<=\S) -(?= |$)")


def prose(text: str) -> str:
    """`text` with its code (see `CODE`) made a neutral word of the same length, so positions stay."""
    return CODE.sub(lambda m: "x" * len(m.group()), text)


def mark_problems(text: str, lang: str) -> list[str]:
    """The wrong marks in `text` (a line of it will do): typewriter apostrophes and quotes, foreign quotes."""
    found: list[str] = []
    body = prose(text)
    left, right = (q.strip("\u00a0") for q in QUOTES[lang])
    english = lang == "en"
    if not english and (m := TYPEWRITER_APOSTROPHE.search(body)):
        found.append(f"typewriter apostrophe ' (write {APOSTROPHE}): …{text[max(0, m.start() - 15):m.end() + 15]}…")
    if (i := body.find('"')) >= 0:
        found.append(f'typewriter quote " (write {left}…{right}): …{text[max(0, i - 15):i + 15]}…')
    # in English a ' after a letter is an apostrophe ("customers'"); one that opens a word quotes it
    single = r"(?<![^\W\d_])'(?=[^\W\d_])" if english else r"(?<![^\W\d_])'|'(?![^\W\d_&])"
    if m := re.search(single, body):
        found.append(f"typewriter quote ' (write {left}…{right}): …{text[max(0, m.start() - 15):m.end() + 15]}…")
    if m := SPACED_HYPHEN.search(body):
        found.append(f"a spaced hyphen as a dash (write – ): …{text[max(0, m.start() - 15):m.end() + 15]}…")
    if stray := sorted(set(body) & (set(DOUBLE_QUOTES + "‘") - {left, right})):
        found.append(f"quotes of another language {' '.join(stray)} (write {left}…{right}): {text[:60]}…")
    return found


def text_problems(text: str, lang: str, *, typeset_already: bool) -> list[str]:
    """What is wrong with the whole of `text`: unpaired quotes and, if `typeset_already`, French spacing."""
    found: list[str] = []
    body = prose(text)
    left, right = (q.strip("\u00a0") for q in QUOTES[lang])
    if left != right and body.count(left) != body.count(right):
        found.append(f"{body.count(left)} × {left} but {body.count(right)} × {right}: {text[:60]}…")
    if typeset_already and lang == "fr" and (want := typeset(body, lang)) != body:
        at = next((i for i, (a, b) in enumerate(zip(body, want, strict=False)) if a != b), min(len(body), len(want)))
        found.append("an ordinary space (or none) where French puts a no-break one (before ; : ? ! and inside « »):"
                     f" …{text[max(0, at - 20):at + 5]}…")
    return found


def problems(text: str, lang: str, *, typeset_already: bool) -> list[str]:
    """Everything wrong with `text` in `lang` (empty when it keeps to the rules)."""
    return mark_problems(text, lang) + text_problems(text, lang, typeset_already=typeset_already)


def _unquote(line: str) -> str:
    """The text of one quoted .po string (``"..."``), its escapes resolved."""
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), line.strip()[1:-1])


def _msgstrs(path: Path, keyword: str = "msgstr") -> Iterator[list[tuple[int, str]]]:
    """Each msgstr (or, with `keyword` ``"msgid"``, each English msgid) of a .po file as its lines.

    The header's is left out. Each line is (line number, text).
    """
    current: list[tuple[int, str]] | None = None
    header = seen = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith('"') and current is not None:
            current.append((number, _unquote(line)))
            continue
        if current:
            yield current
        current = None
        if line.startswith("msgid "):  # the header is the first entry; a long msgid also starts with msgid ""
            header, seen = line == 'msgid ""' and not seen, True
        if line.startswith(keyword) and not header:  # also msgid_plural, msgstr[0]
            current = [(number, _unquote(line.split(" ", 1)[1]))]
    if current:
        yield current


def catalog_offenders(lang: str) -> list[str]:
    """Every catalog text of `lang` that breaks a rule, as ``FILE:LINE: problem``."""
    path = LOCALE / lang / "LC_MESSAGES" / "cloudwizard.po"
    rel = path.relative_to(ROOT)
    out = []
    for lines in _msgstrs(path):
        out += [f"{rel}:{number}: {p}" for number, text in lines for p in mark_problems(text, lang)]
        # quote pairs and French spacing may span the lines of one msgstr: checked on the whole text
        out += [f"{rel}:{lines[0][0]}: {p}"
                for p in text_problems("".join(t for _, t in lines), lang, typeset_already=True)]
    return out


def english_catalog_dashes() -> list[str]:
    """Every English msgid (the text English users read) with a spaced hyphen as a dash, as ``FILE:LINE``."""
    out = []
    for lang in LANGS:
        path = LOCALE / lang / "LC_MESSAGES" / "cloudwizard.po"
        rel = path.relative_to(ROOT)
        for lines in _msgstrs(path, "msgid"):
            text = "".join(t for _, t in lines)
            if m := SPACED_HYPHEN.search(prose(text)):
                # the line of the msgid where it is, else (split across two lines) its first line
                number = next((n for n, t in lines if SPACED_HYPHEN.search(prose(t))), lines[0][0])
                out.append(f"{rel}:{number}: a spaced hyphen as a dash (write – ):"
                           f" …{text[max(0, m.start() - 15):m.end() + 15]}…")
    return out


def _language_texts(node: yaml.Node, lang: str) -> Iterator[yaml.ScalarNode]:
    """Every scalar under a ``lang:`` key of a composed YAML document."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == lang and isinstance(value, yaml.ScalarNode):
                yield value
            else:
                yield from _language_texts(value, lang)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _language_texts(item, lang)


def questionnaire_offenders(lang: str) -> list[str]:
    """Every questionnaire text of `lang` that breaks a rule, as ``FILE:LINE: problem``."""
    out = []
    for path in QUESTIONNAIRES:
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        root = yaml.compose(source, Loader=yaml.SafeLoader)
        if root is None:
            continue
        for node in _language_texts(root, lang):
            for p in problems(node.value, lang, typeset_already=False):
                # the line within a block or folded text where this kind of mark is, else the text's first line
                kind = p.split(" (")[0].split(":")[0]
                number = node.start_mark.line + 1
                for n in range(node.start_mark.line, node.end_mark.line + 1):
                    if n < len(lines) and any(q.startswith(kind) for q in mark_problems(
                            lines[n].split(f"{lang}: ", 1)[-1], lang)):
                        number = n + 1
                        break
                out.append(f"{path.relative_to(ROOT)}:{number}: {p}")
    return out


def metainfo_offenders(lang: str) -> list[str]:
    """The software centre's description (AppStream metainfo) of `lang`, each offending line."""
    out = []
    inside = False
    for number, line in enumerate(METAINFO.read_text(encoding="utf-8").splitlines(), 1):
        if f'xml:lang="{lang}"' in line:
            inside = True
        if inside:
            text = re.sub(r"<[^>]*>", " ", line)
            out += [f"{METAINFO.relative_to(ROOT)}:{number}: {p}"
                    for p in problems(text, lang, typeset_already=lang == "fr" and "<" in line)]
        if inside and "</" in line:
            inside = False
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_texts_keep_the_languages_typography(lang: str) -> None:
    offenders = catalog_offenders(lang)
    assert not offenders, f"{len(offenders)} catalog texts break {lang} typography:\n" + "\n".join(offenders)


def test_english_catalog_texts_have_no_spaced_hyphen_for_a_dash() -> None:
    offenders = english_catalog_dashes()
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("lang", (*LANGS, "en"))
def test_questionnaire_texts_keep_the_languages_typography(lang: str) -> None:
    offenders = questionnaire_offenders(lang)
    assert not offenders, f"{len(offenders)} questionnaire texts break {lang} typography:\n" + "\n".join(offenders)


@pytest.mark.parametrize("lang", LANGS)
def test_the_software_centre_text_keeps_the_languages_typography(lang: str) -> None:
    offenders = metainfo_offenders(lang)
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize(("lang", "text", "problem"), [
    ("fr", "l'option", "typewriter apostrophe"),
    ("fr", "Exporter l'&aide", "typewriter apostrophe"),
    ("fr", 'le mot "cloud"', "typewriter quote \""),
    ("fr", "le mot 'cloud'", "typewriter quote '"),
    ("fr", "le mot “cloud”", "quotes of another language"),
    ("fr", "Pourquoi ?", "an ordinary space"),
    ("fr", "« cloud »", "an ordinary space"),
    ("de", "das Wort “Cloud”", "quotes of another language"),
    ("de", "das Wort „Cloud", "1 × „ but 0 × “"),
    ("nl", "de vraag '{qid}'", "typewriter quote '"),
    ("nl", "foto's", "typewriter apostrophe"),
    ("nl", "de vraag „{qid}“", "quotes of another language"),
    ("en", 'What does "sovereign" mean?', "typewriter quote \""),
    ("en", "the 'comply or explain' rule", "typewriter quote '"),
    ("en", "the word „cloud“", "quotes of another language"),
    ("en", "Federal cloud policy - the rule", "a spaced hyphen as a dash"),
    ("fr", "Politique cloud fédérale - le principe", "a spaced hyphen as a dash"),
    ("de", "wissen wir nicht -", "a spaced hyphen as a dash"),
])
def test_each_rule_finds_its_offender(lang: str, text: str, problem: str) -> None:
    found = problems(text, lang, typeset_already=True)
    assert any(p.startswith(problem) for p in found), found


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "l’option, aujourd’hui\u202f; «\u00a0cloud\u00a0»\u00a0: oui"),
    ("fr", "par exemple {chosen: hybrid, reason: '…'}"),
    ("fr", "(pip install 'PySide6-Essentials<6.12')"),
    ("fr", "voir https://example.org/l'a et `a'b` ; {n:g} 10:30"),
    ("de", "„comply or explain“ – geht’s"),
    ("nl", "“comply or explain” voor kmo’s"),
    ("en", "What does “sovereign” mean? Other people's data, at customers' sites"),
    ("en", "The 3-2-1 rule – three copies – and `cloudwizard ask - x`; e-mail, G-Cloud, {low}-{high}"),
])
def test_good_text_and_code_pass(lang: str, text: str) -> None:
    if "https://" in text:  # the French spacing of the prose around code is not this test's point
        assert problems(text, lang, typeset_already=False) == []
    else:
        assert problems(text, lang, typeset_already=True) == []


def test_offenders_are_named_by_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    questionnaire = tmp_path / "q.yaml"
    questionnaire.write_text("title:\n  en: x\n  fr: >-\n    une ligne\n    puis l'option\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "QUESTIONNAIRES", [questionnaire])
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert [o.split(" (")[0] for o in questionnaire_offenders("fr")] == ["q.yaml:5: typewriter apostrophe '"]


def test_a_dash_and_english_quotes_are_named_by_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    questionnaire = tmp_path / "q.yaml"
    questionnaire.write_text('title:\n  en: What does "sovereign" mean?\n  de: >-\n    eine Zeile\n'
                             "    wissen wir nicht -\n    fragen Sie nach\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "QUESTIONNAIRES", [questionnaire])
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert [o.split(" (")[0] for o in questionnaire_offenders("en")] == ['q.yaml:2: typewriter quote "']
    assert [o.split(" (")[0] for o in questionnaire_offenders("de")] == ["q.yaml:5: a spaced hyphen as a dash"]


def case_title_offenders() -> list[str]:
    """Every case title (``title`` in English, ``titles.nl/fr/de``) that breaks its language's rules, as ``FILE:LINE``.

    Case files are under ``questionnaires/`` and so among the files `questionnaire_offenders` reads; the
    titles are also held to the French spacing, since `cloudwizard evaluate` prints them as headings.
    """
    out = []
    for path in sorted((ROOT / "questionnaires" / "cases").glob("*.case.yaml")):
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        for key, value in root.value:
            if key.value == "title":
                texts = [("en", value)]
            elif key.value == "titles" and isinstance(value, yaml.MappingNode):
                texts = [(lang.value, text) for lang, text in value.value]
            else:
                continue
            for lang, node in texts:
                out += [f"{path.relative_to(ROOT)}:{node.start_mark.line + 1}: {p}"
                        for p in problems(node.value, lang, typeset_already=lang == "fr")]
    return out


def test_case_titles_keep_the_languages_typography() -> None:
    cases = sorted((ROOT / "questionnaires" / "cases").glob("*.case.yaml"))
    assert cases and set(cases) <= set(QUESTIONNAIRES)  # their language texts are checked above too
    offenders = case_title_offenders()
    assert not offenders, "\n".join(offenders)


def test_a_case_title_offender_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = tmp_path / "questionnaires" / "cases"
    cases.mkdir(parents=True)
    (cases / "x.case.yaml").write_text("id: x\ntitle: The \"cloud\"\ntitles:\n  fr: Le cloud de l'État\n",
                                       encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert [o.split(" (")[0] for o in case_title_offenders()] == [
        'questionnaires/cases/x.case.yaml:2: typewriter quote "',
        "questionnaires/cases/x.case.yaml:4: typewriter apostrophe '"]
