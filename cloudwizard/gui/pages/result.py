"""The result page: the advice explained, and the exports.

It shows the advice as a headline, scores, reasons, trade-offs, precautions, what would change it,
sources, comply-or-explain for public bodies, and the export buttons.

Everything shown comes from the engine's `report_data()`, the same structure every report renders,
so the screen and the PDF always say the same thing.
"""

# ruff: noqa: N815 - Qt signals are camelCase, like Qt's own
from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cloudwizard.gui.l10n import Localizer
from cloudwizard.gui.links import link_markup
from cloudwizard.gui.options import WizardOptions
from cloudwizard.gui.widgets.common import ScrollPage, clear_layout, make_card, make_label, show_now
from cloudwizard.gui.widgets.scorebars import Bar, ScoreBars

if TYPE_CHECKING:
    from cloudwizard.engine.recommender import Recommendation
    from cloudwizard.engine.reports import Justification

#: The exports offered, in button order.
EXPORTS = ("pdf", "print", "markdown", "html", "json")


class ResultPage(ScrollPage):
    """Shows one `Recommendation`.

    Signals:
        whatIfRequested(int): index into ``what_would_change`` to apply.
        whatIfUndone(): go back to the answers before the last what-if.
        justificationChanged(str, str): comply-or-explain: chosen model id ("" keeps the advice), reason.
        exportRequested(str): one of `EXPORTS`.
        linkRequested(str): a link of the sources was activated (the app asks before opening it).
    """

    whatIfRequested = Signal(int)
    whatIfUndone = Signal()
    justificationChanged = Signal(str, str)
    exportRequested = Signal(str)
    linkRequested = Signal(str)

    def __init__(self, l10n: Localizer, options: WizardOptions, parent: QWidget | None = None) -> None:
        super().__init__("resultPage", parent)
        self._l10n = l10n
        self._options = options
        self.host = QWidget(self.body)
        self.host.setObjectName("scrollBody")
        self.blocks = QVBoxLayout(self.host)
        self.blocks.setContentsMargins(0, 0, 0, 0)
        self.blocks.setSpacing(16)
        self.content.addWidget(self.host)
        self.content.addStretch(1)
        self.undo_button: QPushButton | None = None
        self.what_if_buttons: list[QPushButton] = []
        self.export_buttons: dict[str, QPushButton] = {}
        self.model_bars: ScoreBars | None = None
        self.layer_bars: ScoreBars | None = None
        self.justify_model: QComboBox | None = None
        self.justify_text: QPlainTextEdit | None = None
        self.justify_error = make_label(role="error", name="justificationError")

    # -- building ----------------------------------------------------------------------------
    def show_result(
        self,
        rec: Recommendation,
        what_if: list[str],
        justification: Justification | None,
    ) -> None:
        """Show `rec`; `what_if` describes applied what-ifs (latest last), empty for the user's answers."""
        from cloudwizard.engine.reports import report_data  # lazy: the recommender is heavy-ish

        _ = self._l10n.gettext
        lang = self._l10n.language
        q = rec.questionnaire
        d = report_data(rec, lang, justification)
        self.setAccessibleName(_("Your advice"))
        m, s = d["deployment_model"], d["service_layer"]
        self.justify_error.setParent(None)
        clear_layout(self.blocks)
        self.what_if_buttons = []
        self.export_buttons = {}
        self.undo_button = None
        self.justify_model = None
        self.justify_text = None

        if what_if:
            card, lay = make_card("whatIfBanner", self.host)
            card.setProperty("role", "banner")
            lay.addWidget(make_label(_("What if …"), "subtitle", card))
            lay.addWidget(make_label(_("This result assumes a changed answer: {change}").format(change=what_if[-1]),
                                     "", card, "whatIfText"))
            self.undo_button = self._button(_("Back to my own answers"), "undoWhatIf", card, primary=True)
            self.undo_button.clicked.connect(self.whatIfUndone)
            lay.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignLeft)
            self.blocks.addWidget(card)

        # Headline
        card, lay = make_card("headlineCard", self.host)
        lay.addWidget(make_label(_("Our advice"), "muted", card))
        headline = _("{model}, used as {layer}").format(model=m["recommended_name"], layer=s["recommended_name"])
        lay.addWidget(make_label(headline, "headline", card, "headline"))
        for r in (m, s):
            lay.addWidget(_rich(f"<b>{_html(r['recommended_name'])}</b> — {_html(r['summary'])}", card))
        examples = []
        for option in (m["recommended"], s["recommended"]):
            info = q.options.get(option)
            if info is not None and rec.audience and rec.audience in info.examples:
                examples.append(q.text(info.examples[rec.audience], lang))
        if examples:
            lay.addWidget(make_label(_("For example: {examples}").format(
                examples=" ".join(e if e.endswith((".", "!", "?")) else e + "." for e in examples)), "muted", card))
        levels = {"high": _("clear"), "medium": _("fairly clear"), "low": _("close call")}
        lay.addWidget(make_label(
            _("How clear the advice is: model {model}, layer {layer}.").format(
                model=levels[m["confidence_level"]], layer=levels[s["confidence_level"]]),
            "muted", card, "confidence"))
        self.blocks.addWidget(card)

        # Scores
        card, lay = make_card("scoresCard", self.host)
        lay.addWidget(make_label(_("How the options scored"), "subtitle", card))
        ruled = _("ruled out")
        self.model_bars, self.layer_bars = ScoreBars(card), ScoreBars(card)
        self.model_bars.setObjectName("modelBars")
        self.layer_bars.setObjectName("layerBars")
        for title, r, bars in ((_("Deployment models"), m, self.model_bars), (_("Service layers"), s, self.layer_bars)):
            lay.addWidget(make_label(title, "muted", card))
            bars.set_bars([Bar(o["name"], o["score"], ruled if o["excluded"] else "", o["id"] == r["recommended"])
                           for o in r["ranking"]], title)
            lay.addWidget(bars)
        self.blocks.addWidget(card)

        # Because
        reasons = m["reasons"] + [r for r in s["reasons"] if r not in m["reasons"]]
        if reasons:
            card, lay = make_card("reasonsCard", self.host)
            lay.addWidget(make_label(_("Why this advice"), "subtitle", card))
            for r in reasons:
                if r["question_text"]:
                    text = _("Because you answered “{answer}” to “{question}”: {because}").format(
                        answer=r["answer"], question=r["question_text"], because=r["because"])
                else:
                    text = r["because"]
                lay.addWidget(make_label("• " + text, "", card))
            self.blocks.addWidget(card)

        if d["constraints"]:
            card, lay = make_card("constraintsCard", self.host)
            lay.addWidget(make_label(_("Requirements that apply"), "subtitle", card))
            for c in d["constraints"]:
                lay.addWidget(_rich(f"<b>{_html(c['title'])}</b> — {_html(c['reason'])}", card))
            self.blocks.addWidget(card)

        # Trade-offs against the runner-up
        card, lay = make_card("tradeoffsCard", self.host)
        lay.addWidget(make_label(_("{top} compared with {other}").format(
            top=m["recommended_name"], other=m["runner_up_name"]), "subtitle", card))
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        t = m["tradeoffs"]
        for col, (name, pros, cons) in enumerate((
            (m["recommended_name"], t["pros"], t["cons"]),
            (m["runner_up_name"], t["runner_up_pros"], t["runner_up_cons"]),
        )):
            lines = [f"<b>{_html(name)}</b>"]
            lines += [f"+ {_html(p['text'])}" for p in pros] or [_html(_("No particular advantages listed."))]
            lines += [f"− {_html(c['text'])}" for c in cons] or [_html(_("No particular drawbacks listed."))]
            label = _rich("<br>".join(lines), card, f"tradeoffs_{col}")
            label.setAlignment(Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, 0, col)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        lay.addLayout(grid)
        self.blocks.addWidget(card)

        # Precautions as a checklist, and the backup advice on its own
        backups = [p for p in d["precautions"] if p["category"] == "backup"]
        others = [p for p in d["precautions"] if p["category"] != "backup"]
        card, lay = make_card("backupCard", self.host)
        lay.addWidget(make_label(_("Your backups"), "subtitle", card))
        if backups:
            for p in backups:
                lay.addWidget(_rich(f"<b>{_html(p['title'])}</b> — {_html(p['text'])}", card))
        else:
            lay.addWidget(make_label(_("Nothing special for your answers. Still keep one copy of what matters "
                                       "outside the cloud service you use."), "", card))
        self.blocks.addWidget(card)
        if others:
            card, lay = make_card("precautionsCard", self.host)
            lay.addWidget(make_label(_("Checklist before you start"), "subtitle", card))
            for i, p in enumerate(others):
                box = QCheckBox(p["title"], card)
                box.setObjectName(f"precaution_{i}")
                box.setAccessibleDescription(p["text"])
                lay.addWidget(box)
                detail = make_label(p["text"], "muted", card)
                detail.setIndent(34)
                lay.addWidget(detail)
            self.blocks.addWidget(card)

        for n in d["notices"]:
            card, lay = make_card(f"notice_{n['id']}", self.host)
            lay.addWidget(make_label(n["title"], "subtitle", card))
            lay.addWidget(make_label(n["text"], "", card))
            if n["kind"] == "policy" and self._options.allow_free_text:  # a kiosk asks for no free text
                self._comply_or_explain(rec, lay, card, justification)
            self.blocks.addWidget(card)

        if rec.what_would_change:
            card, lay = make_card("whatWouldChangeCard", self.host)
            lay.addWidget(make_label(_("What would change this advice"), "subtitle", card))
            lay.addWidget(make_label(_("Try a change to see the advice it would give; you can go back."),
                                     "muted", card))
            for i, cf in enumerate(d["what_would_change"]):
                row = QHBoxLayout()
                sentence = self.change_sentence(cf)
                row.addWidget(make_label(sentence, "", card), 1)
                b = self._button(_("Try this"), f"whatIf_{i}", card)
                b.setAccessibleName(_("Try this: {change}").format(change=sentence))
                b.clicked.connect(lambda _c=False, idx=i: self.whatIfRequested.emit(idx))
                self.what_if_buttons.append(b)
                row.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
                lay.addLayout(row)
            self.blocks.addWidget(card)

        if d["further_reading"] or d["sources"]:
            card, lay = make_card("sourcesCard", self.host)
            lay.addWidget(make_label(_("Sources and further reading"), "subtitle", card))
            for i, r in enumerate(d["further_reading"]):
                lay.addWidget(self._link(link_markup(r["title"], r["url"]), card, f"reading_{i}"))
            for i, src in enumerate(d["sources"]):
                date = _("dated {date}").format(date=src["date"]) if src["date"] else _("undated")
                markup = _html(f"[{src['id']}] ") + link_markup(f"{src['title']}, {date}", src["url"] or "")
                label = self._link(markup, card, f"source_{i}")
                label.setProperty("role", "muted")
                lay.addWidget(label)
            self.blocks.addWidget(card)

        if self._options.allow_files:
            card, lay = make_card("exportCard", self.host)
            lay.addWidget(make_label(_("Take the advice with you"), "subtitle", card))
            lay.addWidget(make_label(_("The report has today's date, the questionnaire version and your answers."),
                                     "muted", card))
            grid = QGridLayout()
            grid.setHorizontalSpacing(8)
            labels = {"pdf": _("Save as PDF…"), "print": _("Print…"), "markdown": _("Markdown…"),
                      "html": _("HTML…"), "json": _("JSON…")}
            for i, fmt in enumerate(EXPORTS):
                b = self._button(labels[fmt], f"export_{fmt}", card, primary=fmt == "pdf")
                b.clicked.connect(lambda _c=False, f=fmt: self.exportRequested.emit(f))
                self.export_buttons[fmt] = b
                grid.addWidget(b, i // 3, i % 3)
            grid.setColumnStretch(3, 1)
            lay.addLayout(grid)
            self.blocks.addWidget(card)
        show_now(self.blocks)
        self.verticalScrollBar().setValue(0)

    def clear(self) -> None:
        """Forget the advice shown and every widget holding it (kiosk reset)."""
        self.justify_error.setParent(None)
        clear_layout(self.blocks)
        self.what_if_buttons = []
        self.export_buttons = {}
        self.undo_button = None
        self.model_bars = self.layer_bars = None
        self.justify_model = None
        self.justify_text = None

    def change_sentence(self, cf: dict[str, Any]) -> str:
        """A counterfactual as a sentence: "If “Question” were “answer”: Model"."""
        _ = self._l10n.gettext
        parts = [_("“{question}”: {before} → {after}").format(question=c["question_text"], before=c["from"],
                                                                 after=c["to"]) for c in cf["changes"]]
        return _("If you answered {changes}, the advice would be {option}.").format(
            changes="; ".join(parts), option=cf["new_top_name"])

    def _comply_or_explain(self, rec: Recommendation, lay: QVBoxLayout, card: QWidget,
                           justification: Justification | None) -> None:
        from cloudwizard.engine.reports import option_name

        _ = self._l10n.gettext
        lang = self._l10n.language
        q = rec.questionnaire
        lay.addWidget(make_label(_("Comply or explain: you may choose another deployment model, but then you must "
                                   "write down why. Your reason goes into the report."), "muted", card))
        combo = QComboBox(card)
        combo.setObjectName("justifyModel")
        combo.setAccessibleName(_("Deployment model you choose"))
        combo.addItem(_("Follow the advice ({model})").format(model=option_name(q, rec.model.recommended, lang)), "")
        for o in rec.model.options:
            if o.id != rec.model.recommended:
                combo.addItem(option_name(q, o.id, lang), o.id)
        text = QPlainTextEdit(card)
        text.setObjectName("justifyText")
        text.setTabChangesFocus(True)
        text.setAccessibleName(_("Why you choose another model"))
        text.setPlaceholderText(_("Explain why you do not follow the advice."))
        text.setFixedHeight(text.fontMetrics().lineSpacing() * 4 + 20)
        if justification is not None:
            combo.setCurrentIndex(max(0, combo.findData(justification.chosen_model)))
            text.setPlainText(justification.text)
        lay.addWidget(combo, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(text)
        self.justify_error.setText(_("Please explain why you choose another model."))
        lay.addWidget(self.justify_error)
        self.justify_model, self.justify_text = combo, text
        combo.currentIndexChanged.connect(self._justification_edited)
        text.textChanged.connect(self._justification_edited)
        self._justification_edited()

    def _justification_edited(self) -> None:
        if self.justify_model is None or self.justify_text is None:
            return
        chosen = str(self.justify_model.currentData() or "")
        reason = self.justify_text.toPlainText().strip()
        self.justify_text.setEnabled(bool(chosen))
        self.justify_error.setVisible(bool(chosen) and not reason)
        self.justificationChanged.emit(chosen, reason)

    def _link(self, markup: str, parent: QWidget, name: str) -> QLabel:
        """A label with escaped text and at most one web link, which the app opens only after asking."""
        label = _rich(markup, parent, name)
        label.setOpenExternalLinks(False)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                      | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        label.linkActivated.connect(self.linkRequested)
        return label

    def _button(self, text: str, name: str, parent: QWidget, primary: bool = False) -> QPushButton:
        b = QPushButton(text, parent)
        b.setObjectName(name)
        b.setAutoDefault(True)
        if primary:
            b.setProperty("role", "primary")
        return b

    def focus_first(self) -> None:
        """Focus the undo button of a what-if, else the first what-if, else the first export."""
        target = self.undo_button or next(iter(self.what_if_buttons or list(self.export_buttons.values())), None)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        self.verticalScrollBar().setValue(0)


def _html(text: str) -> str:
    """Escape questionnaire text for a rich-text label."""
    return html.escape(str(text))


def _rich(markup: str, parent: QWidget, name: str = "") -> QLabel:
    """A label showing escaped rich text (bold names, line breaks)."""
    label = make_label(markup, "", parent, name)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label
