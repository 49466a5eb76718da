"""The HTML report as a real browser reads it: headless Chromium's DOM (``--dump-dom``) of every example.

Runs only where a Chromium binary exists (Debian: ``apt-get install chromium``), otherwise skips. The
page must come out of the browser's parser as it was written: the right ``lang``, every heading of
the report in order, every list item, no script, and nothing loaded from elsewhere (no ``src``, no
style sheet link, no ``url(…)`` or ``@import`` in the style) — a report opened from a USB stick or a
mail attachment shows the same offline as online.
"""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.model import Questionnaire
from cloudwizard.engine.recommender import recommend
from cloudwizard.engine.report.document import Block, Box, BulletList, Checklist, Heading, build_document
from cloudwizard.engine.report.formats import render_text
from cloudwizard.engine.report.view import build_view

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "questionnaires" / "examples").glob("answers-*.yaml"))
LANGS = ("en", "nl", "fr", "de")
CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium binary on this machine")


class _Dom(HTMLParser):
    """What the browser's DOM holds: headings, list items, elements and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.headings: list[tuple[int, str]] = []
        self.list_items = 0
        self.style = ""
        self._heading: tuple[int, list[str]] | None = None
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = (int(tag[1]), [])
        elif tag == "li":
            self.list_items += 1
        elif tag == "style":
            self._in_style = True

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], " ".join("".join(self._heading[1]).split())))
            self._heading = None
        elif tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading[1].append(data)
        if self._in_style:
            self.style += data


def _expected(blocks: tuple[Block, ...]) -> tuple[list[tuple[int, str]], int]:
    """The headings (level, text) and the number of list items the page should have."""
    headings: list[tuple[int, str]] = []
    items = 0
    for b in blocks:
        if isinstance(b, Heading):
            headings.append((min(b.level, 6), " ".join(b.text.split())))
        elif isinstance(b, (BulletList, Checklist)):
            items += len(b.items)
        elif isinstance(b, Box):
            inner, count = _expected(b.blocks)
            headings += [(2, " ".join(b.title.split())), *inner]
            items += count
    return headings, items


def _dump_dom(page: Path, profile: Path) -> str:
    assert CHROMIUM is not None
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def bundled() -> Questionnaire:
    return load_bundled()


@pytest.mark.parametrize("answers", EXAMPLES, ids=lambda p: p.stem)
def test_the_browser_reads_the_html_report_as_written(answers: Path, bundled: Questionnaire, tmp_path: Path) -> None:
    data = read_answers(answers, bundled).data
    assert data is not None
    rec = recommend(bundled, data.answers)
    for lang in LANGS:
        view = build_view(rec, lang)
        page = tmp_path / f"{answers.stem}-{lang}.html"
        page.write_text(render_text(view, "html"), encoding="utf-8")
        dom = _Dom()
        dom.feed(_dump_dom(page, tmp_path / "profile"))
        dom.close()
        headings, items = _expected(build_document(view).blocks)

        assert dom.lang == lang
        assert dom.headings == headings, lang  # every heading, in order, none swallowed by a bad nesting
        assert dom.headings[0] == (1, view.labels.title) and (2, view.labels.your_answers) in dom.headings
        assert dom.list_items == items, lang
        assert not {"script", "iframe", "object", "embed", "img", "link", "base", "form"} & set(dom.tags)
        assert not [a for a in dom.attributes if a[1] == "src" or a[1].startswith("on")], lang
        hrefs = [value for tag, name, value in dom.attributes if name == "href"]
        assert all(h.startswith(("https://", "http://")) for h in hrefs) and hrefs, lang  # links only, to the web
        assert "url(" not in dom.style and "@import" not in dom.style
