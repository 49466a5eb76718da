"""The result page: the advice, summary first, and the ways to take it with you.

From the top: the advice in plain words, how sure it is, the three strongest reasons, what to do
next (a checklist), then requirements, notices and comply-or-explain, what would change the advice,
and the details (every reason, pros and cons, the comparison with the runner-up, scores, sources),
folded away. Save as PDF and Print stay in a bar at the top of the page while it scrolls.

Everything shown is read from the engine's `ReportView`, the same view every report renders, so
the screen and the PDF say the same thing in the same words.
"""

# ruff: noqa: N815 - Qt signals are camelCase, like Qt's own
from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cloudwizard.engine.report.document import MARKS, comparison_groups, comparison_legend
from cloudwizard.engine.report.html import inline
from cloudwizard.engine.report.view import cite
from cloudwizard.engine.typography import apostrophes, keep_narrow_spaces, typeset
from cloudwizard.gui.l10n import Localizer
from cloudwizard.gui.links import web_url
from cloudwizard.gui.options import WizardOptions
from cloudwizard.gui.widgets.common import (
    DisclosureButton,
    PlainLabel,
    ScrollPage,
    clear_layout,
    first_item_when_opened_by_keyboard,
    make_card,
    make_label,
    mark_heading,
    show_now,
)
from cloudwizard.gui.widgets.scorebars import Bar, ScoreBars
from cloudwizard.gui.widgets.sizememory import SizeMemory, forgets
from cloudwizard.gui.widgets.tiles import LinkButton, TileCheckBox, WheelSafeComboBox

if TYPE_CHECKING:
    from cloudwizard.engine.report.view import ComplyOrExplain, Point, RankingView, Reason, ReportView

#: How a citation is greyed out in a label (rich text with no style sheet), as the reports do with a class.
_MUTED = "style='color:palette(placeholder-text)'"

#: The exports offered in the bar at the top: the two main ones as buttons, the rest in a menu.
MAIN_EXPORTS = ("pdf", "print")


class ResultPage(ScrollPage):
    """Shows one `ReportView` (and, while a what-if is tried, the advice it would give beside it).

    Signals:
        whatIfRequested(int): index into ``what_would_change`` to try (shown beside the advice).
        whatIfAdopted(int): use the answers of the what-if being tried.
        whatIfUndone(): close the comparison, or go back to the answers before "use these answers".
        justificationChanged(str, str): comply-or-explain: chosen model id ("" keeps the advice), reason.
        exportRequested(str): one of the report formats (`FORMATS`).
        linkRequested(str): a link of the sources was activated (the app asks before opening it).
    """

    whatIfRequested = Signal(int)
    whatIfAdopted = Signal(int)
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
        self.action_bar: QFrame | None = None
        self._content_top = -1  # the page's own top margin, before room is made for the action bar
        self.more_button: QPushButton | None = None
        self.export_actions: dict[str, QAction] = {}
        self.undo_button: QPushButton | None = None
        self.adopt_button: QPushButton | None = None
        self.compare_heading: QLabel | None = None
        self.what_if_buttons: list[QPushButton] = []
        self.export_buttons: dict[str, QPushButton] = {}
        self.details_button: DisclosureButton | None = None
        self.details: QWidget | None = None
        self.model_bars: ScoreBars | None = None
        self.layer_bars: ScoreBars | None = None
        self.justify_model: QComboBox | None = None
        self.justify_text: QPlainTextEdit | None = None
        self.justify_error = _label(role="error", name="justificationError")
        self._trial_index = -1
        #: the what-if whose "Compare" the user pressed: the focus returns to it (or, when it is gone,
        #: to the advice's heading) once the comparison is closed or its answers are undone
        self._return_to: int | None = None
        self.headline: QLabel | None = None
        self.checklist: RovingFocus | None = None
        #: the steps of "What to do next" the user ticked, by the step's id (not its place): a
        #: what-if tried, taken over or undone redraws the page and must not lose them; a step that
        #: is still advised keeps its tick, one no longer advised has it back after the undo
        self.ticked: set[str] = set()
        #: the cards below the fold still to be added, and the build they belong to
        self._rest: list[Callable[[], QWidget]] = []
        self._build_ticket = 0
        #: Ctrl+Z (the platform's Undo) on the page: back to the user's own answers after "use these
        #: answers" (the app has no Edit menu). A focused text box keeps its own Ctrl+Z.
        self.undo_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        self.undo_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_shortcut.setEnabled(False)
        self.undo_shortcut.activated.connect(self.whatIfUndone)

    def _tr(self, message: str) -> str:
        """The page's own text, translated and typeset as the report's is (French: one apostrophe, ’)."""
        lang = self._l10n.language
        return apostrophes(typeset(self._l10n.gettext(message), lang), lang)

    # -- the bar that stays -------------------------------------------------------------------
    def _build_action_bar(self) -> None:
        """Save as PDF, Print and the other formats, above the scrolling page (made once, texts renewed)."""
        from cloudwizard.engine.report.formats import FORMATS  # loaded with the result, not at start-up

        _ = self._tr
        if self.action_bar is None:
            # A child of the viewport, not of the scroll area: a screen reader walks only the
            # viewport and the scroll bars of a scroll area, and would never find these buttons.
            self.action_bar = QFrame(self.viewport())
            self.action_bar.setObjectName("resultActions")
            self.action_bar.setProperty("role", "banner")
            row = QHBoxLayout(self.action_bar)
            row.setContentsMargins(16, 6, 16, 6)
            row.setSpacing(8)
            for fmt in MAIN_EXPORTS:
                b = self._button("", f"export_{fmt}", self.action_bar, primary=fmt == "pdf")
                b.clicked.connect(lambda _c=False, f=fmt: self.exportRequested.emit(f))
                self.export_buttons[fmt] = b
                row.addWidget(b)
            self.more_button = self._button("", "export_more", self.action_bar)
            menu = QMenu(self.more_button)
            for f in FORMATS.values():
                if f.id in MAIN_EXPORTS:
                    continue
                action = QAction(menu)
                action.setObjectName(f"exportAction_{f.id}")
                action.triggered.connect(lambda _c=False, fid=f.id: self.exportRequested.emit(fid))
                menu.addAction(action)
                self.export_actions[f.id] = action
            self.more_button.setMenu(menu)
            first_item_when_opened_by_keyboard(menu)  # Space/Enter: arrows and Enter work at once
            row.addWidget(self.more_button)
            row.addStretch(1)
        for fmt, b in self.export_buttons.items():
            b.setText(_(FORMATS[fmt].label))
        for fid, action in self.export_actions.items():
            action.setText(_(FORMATS[fid].label))
        if self.more_button is not None:
            self.more_button.setText(_("Other formats"))
        self.action_bar.show()
        self._place_action_bar()

    def _bar_height(self) -> int:
        bar = self.action_bar
        return bar.sizeHint().height() if bar is not None and not bar.isHidden() else 0

    def _place_action_bar(self) -> None:
        """Keep the bar across the top of the viewport; the page's content starts below it."""
        body = self.widget()
        outer = body.layout() if body is not None else None
        if outer is not None:
            if self._content_top < 0:
                self._content_top = outer.contentsMargins().top()
            m = outer.contentsMargins()
            outer.setContentsMargins(m.left(), self._content_top + self._bar_height(), m.right(), m.bottom())
        if self.action_bar is not None and not self.action_bar.isHidden():
            self.action_bar.setGeometry(0, 0, self.viewport().width(), self._bar_height())
            self.action_bar.raise_()

    def ensure_visible(self, widget: QWidget) -> None:
        """Scroll so that `widget` can be seen below the action bar, which covers the page's top."""
        self.ensureWidgetVisible(widget, 40, 60 + self._bar_height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Keep the action bar across the top."""
        super().resizeEvent(event)
        self._place_action_bar()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Page Up/Down by what can be seen below the bar, so that no line is hidden under it."""
        steps = {Qt.Key.Key_PageDown: 1, Qt.Key.Key_PageUp: -1}
        if event.key() in steps and self._bar_height():
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + steps[Qt.Key(event.key())] * (self.viewport().height() - self._bar_height()))
            event.accept()
            return
        super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """The viewport narrows when the scroll bar appears: the bar follows it."""
        if event.type() == QEvent.Type.Resize and self.action_bar is not None:
            self.action_bar.setGeometry(0, 0, self.viewport().width(), self._bar_height())
        return super().viewportEvent(event)

    # -- building ----------------------------------------------------------------------------
    def show_result(self, view: ReportView, trial: ReportView | None = None, trial_index: int = -1,
                    adopted: tuple[str, ...] = ()) -> None:
        """Show `view`; `trial` is the advice of the what-if `trial_index` being tried beside it.

        Args:
            view: the advice for the user's answers.
            trial: the advice a tried what-if would give (None when nothing is being tried).
            trial_index: which what-if is tried (an index into ``view.what_would_change``).
            adopted: the changes taken over with "use these answers" (they can be undone at once).
        """
        _ = self._tr
        self.setAccessibleName(_("Your advice"))
        self._forget_widgets()
        self._trial_index = trial_index
        self.undo_shortcut.setEnabled(bool(adopted))
        if self._options.allow_files:
            self._build_action_bar()
        elif self.action_bar is not None:
            self.action_bar.hide()
            self._place_action_bar()

        if trial is not None and 0 <= trial_index < len(view.what_would_change):
            self.blocks.addWidget(self._comparison(view, trial, trial_index))
        elif adopted:
            card, lay = make_card("whatIfBanner", self.host)
            card.setProperty("role", "banner")
            lay.addWidget(_label(_("You are using changed answers"), "subtitle", card))
            lay.addWidget(_label(_("Changed: {change}").format(change="; ".join(adopted)), "", card, "whatIfText"))
            self.undo_button = self._button(_("Back to my own answers"), "undoWhatIf", card, primary=True)
            self.undo_button.setToolTip(self.undo_shortcut.key().toString(QKeySequence.SequenceFormat.NativeText))
            self.undo_button.clicked.connect(self.whatIfUndone)
            lay.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignLeft)
            self.blocks.addWidget(card)

        summary = self._summary(view)
        self.blocks.addWidget(summary)
        self.blocks.addWidget(self._checklist(view))
        # Below the fold, built on the next turns of the event loop once the summary is painted:
        # each card is added under what is shown, so nothing shown moves and the focus stays.
        rest: list[Callable[[], QWidget]] = []
        if view.constraints:
            rest.append(lambda: self._constraints(view))
        # Policies and warnings are shown; background information waits in the details.
        if any(n.kind in ("policy", "warning") for n in view.notices):
            rest.append(lambda: self._notices(view))
        if view.comply_or_explain is not None and self._options.allow_free_text:  # a kiosk asks for no free text
            coe = view.comply_or_explain
            rest.append(lambda: self._comply_or_explain(coe, view))
        if view.what_would_change or view.no_change:
            rest.append(lambda: self._what_would_change(view))
        rest.append(lambda: self._details(view))
        self._rest = rest
        self._build_ticket += 1
        # The scroll bar is kept while the page grows: appearing later, it would narrow the page
        # and re-wrap the text already shown.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        show_now(self.blocks)
        self.verticalScrollBar().setValue(0)
        self._continue_after_paint(summary)

    # -- the part below the fold ---------------------------------------------------------------
    @property
    def building(self) -> bool:
        """Whether cards below the fold are still to be added (they come on the next turns of the event loop)."""
        return bool(self._rest)

    def _continue_after_paint(self, summary: QWidget) -> None:
        """Add the rest once the summary has been painted (or at once on the next turn when unseen)."""
        ticket = self._build_ticket
        if not self.isVisible():
            QTimer.singleShot(0, self, lambda: self._build_next(ticket))
            return
        watch = _FirstPaint(summary, lambda: QTimer.singleShot(0, self, lambda: self._build_next(ticket)))
        summary.installEventFilter(watch)
        # No paint comes for a window that is covered or minimised: the page is completed all the same.
        QTimer.singleShot(250, self, lambda: self._build_next(ticket) if not watch.seen else None)

    def _build_next(self, ticket: int) -> None:
        """Add the next card below the fold, then let the event loop turn (a paint, a key) before the next."""
        if ticket != self._build_ticket or not self._rest:
            return
        self._add_rest(self._rest.pop(0))
        if self._rest:
            QTimer.singleShot(0, self, lambda: self._build_next(ticket))
        else:
            self._built()

    def _add_rest(self, build: Callable[[], QWidget]) -> None:
        card = build()
        self.blocks.addWidget(card)
        show_now(self.blocks)
        self._chain_after_page()

    def _chain_after_page(self) -> None:
        """Put the page's controls one after the other in the tab chain, those made later too.

        Qt adds a widget made later at the end of the window's tab chain, after the navigation bar
        (which `MainWindow.navigation_after_page` put after the page's last control then): Tab and
        screen readers must meet a card where it stands on the page, and the navigation after it.
        """
        window = self.window()
        page: list[QWidget] = []
        widget = window.nextInFocusChain()
        while widget is not None and widget is not window:
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and self.host.isAncestorOf(widget):
                page.append(widget)
            widget = widget.nextInFocusChain()
        for before, after in itertools.pairwise(page):
            QWidget.setTabOrder(before, after)

    def _built(self) -> None:
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def finish_building(self) -> None:
        """Add every card still to come at once (what the user asks for must be there now)."""
        if not self._rest:
            return
        self._build_ticket += 1  # the chain under way stops
        while self._rest:
            self._add_rest(self._rest.pop(0))
        self._built()

    def _constraints(self, view: ReportView) -> QFrame:
        card, lay = make_card("constraintsCard", self.host)
        lay.addWidget(_label(view.labels.requirements, "subtitle", card))
        for c in view.constraints:
            lay.addWidget(_rich(f"<b>{_html(c.title)}</b> — {_html(c.reason)}", card))
        return card

    def _notices(self, view: ReportView) -> QFrame:
        card, lay = make_card("noticesCard", self.host)
        lay.addWidget(_label(view.labels.notices, "subtitle", card))
        for n in view.notices:
            if n.kind not in ("policy", "warning"):
                continue
            lay.addWidget(_bold(n.title, card))
            label = _label(n.text, "", card, f"notice_{n.id}")
            label.setProperty("notice", n.kind)
            lay.addWidget(label)
        return card

    def _summary(self, view: ReportView) -> QFrame:
        _ = self._tr
        card, lay = make_card("headlineCard", self.host)
        lay.addWidget(_label(view.labels.our_advice, "muted", card))
        self.headline = _label(view.headline, "headline", card, "headline")
        # the focus can rest on it (not a tab stop): where it returns when the what-if it left is gone
        self.headline.setProperty("focusTarget", True)
        self.headline.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        lay.addWidget(self.headline)
        for r in view.rankings:
            lay.addWidget(_rich(f"<b>{_html(r.recommended_name)}</b> — {_html(r.summary)}", card))
        # The example that fits the pair: the layer's when the pair has one, else the model's (both
        # together said "online office suite" twice, and "virtual servers" beside SaaS advice).
        example = (view.layer.example if not view.pair.self_run else "") or view.model.example
        if example:
            lay.addWidget(_label(_("For example: {examples}").format(examples=example), "muted", card,
                                     "example"))
        if view.combination_text:
            lay.addWidget(_label(view.combination_text, "", card, "combination"))
        if view.split:
            lay.addWidget(_bold(view.labels.split, card))
            for i, part in enumerate(view.split):
                lay.addWidget(_label(f"• {part.text}", "", card, f"splitPart_{i}"))
        lay.addWidget(_bold(view.labels.how_sure, card))
        sure = f"{view.clarity_label[:1].upper()}{view.clarity_label[1:]} — {view.sureness}"
        lay.addWidget(_label(sure, "", card, "confidence"))
        for call in view.close_calls:
            lay.addWidget(_label(view.close_call_line(call), "", card, f"closeCall_{call.kind}"))
        if view.top_reasons:
            lay.addWidget(_bold(view.labels.why, card))
            for i, reason in enumerate(view.top_reasons):
                lay.addWidget(self._reason(reason, card, f"topReason_{i}"))
        return card

    def _reason(self, r: Reason, parent: QWidget, name: str) -> QLabel:
        """A reason with its source tag (the answer it comes from, and the sources it cites)."""
        label = _rich(f"• {_html(r.text)} <span {_MUTED}>{_html(r.source_tag)}</span>",
                      parent, name)
        label.setAccessibleName(f"{r.text} {r.source_tag}")
        return label

    def _checklist(self, view: ReportView) -> QFrame:
        """What to do next: one check box per precaution (its explanation is in the details)."""
        card, lay = make_card("precautionsCard", self.host)
        lay.addWidget(_label(view.labels.what_to_do, "subtitle", card))
        if not view.checklist:
            lay.addWidget(_label(view.labels.no_checklist, "", card))
        boxes = []
        for i, p in enumerate(view.checklist):
            box = TileCheckBox(p.title, card)  # its text wraps: long steps must not widen the page
            box.setObjectName(f"precaution_{i}")
            box.setAccessibleDescription(p.text)
            box.setChecked(p.id in self.ticked)
            box.toggled.connect(lambda on, step=p.id: self._tick(step, on))
            lay.addWidget(box)
            boxes.append(box)
        # one tab stop for the list: the arrow keys move inside it, Space ticks the box
        self.checklist = RovingFocus(boxes, card) if boxes else None
        return card

    def _tick(self, step: str, on: bool) -> None:
        """Remember a step ticked or unticked by the user (kept across redraws of the page)."""
        if on:
            self.ticked.add(step)
        else:
            self.ticked.discard(step)

    def _comparison(self, view: ReportView, trial: ReportView, index: int) -> QFrame:
        """The advice of a what-if beside the user's own, with "use these answers" and "back"."""
        _ = self._tr
        what_if = view.what_would_change[index]
        card, lay = make_card("whatIfCompare", self.host)
        card.setProperty("role", "banner")
        # The comparison's heading takes the focus when it opens: a screen reader reads it (and, as
        # its description, what changed) first, and a second Enter cannot take the what-if over.
        heading = _label(_("What if …"), "subtitle", card, "whatIfHeading")
        heading.setProperty("focusTarget", True)
        explained = _("Only a try: your own answers are kept. Changed: {change}").format(change=what_if.change_text)
        heading.setAccessibleDescription(explained)
        self.compare_heading = heading
        lay.addWidget(heading)
        lay.addWidget(_label(explained, "", card, "whatIfText"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        for col, (title, v, name) in enumerate(((_("Your advice"), view, "compareOwn"),
                                                (_("With this change"), trial, "compareTrial"))):
            grid.addWidget(_label(title, "muted", card), 0, col)
            head = _bold(v.headline, card, name)
            grid.addWidget(head, 1, col)
            # Like with like: both columns speak of the part of the pair the change is about (the
            # deployment model or the service layer), not one of the layer and the other of the model.
            part = v.layer if what_if.kind == "layer" else v.model
            top = Qt.AlignmentFlag.AlignTop  # the two columns' rows start level, whatever their length
            grid.addWidget(_bold(part.heading, card, f"{name}Part"), 2, col, top)
            grid.addWidget(_label(f"{part.clarity_label[:1].upper()}{part.clarity_label[1:]} — "
                                      f"{part.clarity_text}", "", card, f"{name}Sure"), 3, col, top)
            # a tie or close call says what would decide it, in the trial's column too (the view's words)
            call = part.close_call
            decide = _label(call.decide if call is not None else "", "", card, f"{name}Decide")
            decide.setVisible(call is not None)
            grid.addWidget(decide, 4, col, top)
            why = part.reasons[0].text if part.reasons else ""
            grid.addWidget(_label(why, "muted", card, f"{name}Why"), 5, col, top)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        lay.addLayout(grid)
        row = QHBoxLayout()
        self.adopt_button = self._button(_("Use these answers"), "adoptWhatIf", card, primary=True)
        self.adopt_button.setAccessibleName(_("Use these answers: {change}").format(change=what_if.change_text))
        self.adopt_button.clicked.connect(lambda _c=False: self.whatIfAdopted.emit(self._trial_index))
        self.undo_button = self._button(_("Back to my own answers"), "undoWhatIf", card)
        self.undo_button.clicked.connect(self.whatIfUndone)
        row.addWidget(self.adopt_button)
        row.addWidget(self.undo_button)
        row.addStretch(1)
        lay.addLayout(row)
        return card

    def _what_would_change(self, view: ReportView) -> QFrame:
        _ = self._tr
        card, lay = make_card("whatWouldChangeCard", self.host)
        lay.addWidget(_label(view.labels.what_would_change, "subtitle", card))
        if not view.what_would_change:  # the advice holds whatever one answer says: said plainly
            lay.addWidget(_label(view.no_change, "", card, "noChange"))
        else:
            lay.addWidget(_label(view.labels.what_would_change_intro, "muted", card))
        for w in view.what_would_change:
            row = QHBoxLayout()
            row.addWidget(_label(w.text, "", card, f"whatIfSentence_{w.index}"), 1)
            b = self._button(_("Compare"), f"whatIf_{w.index}", card)
            b.setAccessibleName(_("Compare: {change}").format(change=w.text))
            b.clicked.connect(lambda _c=False, idx=w.index: self._request_what_if(idx))
            self.what_if_buttons.append(b)
            row.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
            lay.addLayout(row)
        return card

    def _request_what_if(self, index: int) -> None:
        self._return_to = index
        self.whatIfRequested.emit(index)

    def _details(self, view: ReportView) -> QFrame:
        """Every reason, pros and cons, the comparison, scores and sources: folded until asked for.

        The folded part is built when it is first opened, so the summary paints at once.
        """
        _ = self._tr
        card, lay = make_card("detailsCard", self.host)
        toggle = DisclosureButton(card)  # a push button with "collapsed"/"expanded", not a check box
        toggle.setObjectName("detailsToggle")
        toggle.setText(_("Show the details"))
        toggle.setAutoDefault(True)
        toggle.set_state_words(_("collapsed"), _("expanded"))
        lay.addWidget(toggle, 0, Qt.AlignmentFlag.AlignLeft)
        box = QWidget(card)
        box.setObjectName("detailsBox")
        lay.addWidget(box)
        box.setVisible(False)
        self.details_button, self.details = toggle, box

        def flip(shown: bool) -> None:
            if shown and box.layout() is None:
                self._fill_details(view, box)
                self._chain_after_page()
            box.setVisible(shown)
            toggle.setText(_("Hide the details") if shown else _("Show the details"))
            if shown:  # once the page has its new height (the scroll range follows on the next turn)
                QTimer.singleShot(0, self, lambda: self._scroll_to_details(toggle, box))

        toggle.toggled.connect(flip)
        return card

    def _scroll_to_details(self, toggle: QWidget, box: QWidget) -> None:
        """Scroll so that the start of the opened details can be seen (the focus stays on the button)."""
        body = self.widget()
        outer = body.layout() if body is not None else None
        if body is None or outer is None:
            return
        outer.activate()  # the details' place and the page's new height, now
        top = toggle.mapTo(body, QPoint(0, 0)).y()
        start = box.mapTo(body, QPoint(0, 0)).y()
        line = box.fontMetrics().lineSpacing()
        bar = self.verticalScrollBar()
        bottom = bar.value() + self.viewport().height()
        if start + 4 * line > bottom:  # the details' first lines are below the window's edge
            bar.setValue(min(bar.maximum(), max(0, top - self._bar_height() - 8)))

    def show_details(self) -> None:
        """Open the details (as the "Show the details" button does)."""
        self.finish_building()
        if self.details_button is not None:
            self.details_button.set_expanded(True)

    def _fill_details(self, view: ReportView, box: QWidget) -> None:
        _ = self._tr
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(10)
        for r in view.rankings:
            inner.addWidget(_label(r.heading, "subtitle", box))
            sure = f"{r.clarity_label[:1].upper()}{r.clarity_label[1:]} — {r.clarity_text}"
            inner.addWidget(_label(sure, "", box, f"clarity_{r.kind}"))
            if r.against:
                inner.addWidget(_bold(r.against_title or view.labels.against.format(option=r.runner_up_name), box))
                for i, reason in enumerate(r.against):
                    inner.addWidget(self._reason(reason, box, f"against_{r.kind}_{i}"))
            inner.addLayout(self._pros_cons(r, view, box))
            inner.addWidget(_bold(view.labels.scores, box))
            bars = ScoreBars(box)
            bars.setObjectName("modelBars" if r.kind == "model" else "layerBars")
            bars.set_bars([Bar(o.name, 0.0 if o.excluded else o.points, o.note, o.recommended, o.points_text)
                           for o in r.options], _("Deployment models") if r.kind == "model" else _("Service layers"))
            inner.addWidget(bars)
            inner.addWidget(_label(r.points_note or view.labels.points_explained, "muted", box,
                                       f"pointsNote_{r.kind}"))
            if r.kind == "model":
                self.model_bars = bars
            else:
                self.layer_bars = bars
        inner.addWidget(_label(view.labels.clarity_scale, "muted", box))
        if view.pair_comparison:
            # The report's own wording (document.comparison_items): "About X: … → speaks for Y",
            # ✓ for the advice and ○ for the next best advice, with the legend above the list.
            inner.addWidget(_label(view.labels.compared_with_runner_up, "subtitle", box))
            inner.addWidget(_bold(view.pair_comparison_title, box))
            inner.addWidget(_label(comparison_legend(view), "muted", box, "compareLegend"))
            i = 0
            for g, (lead, items) in enumerate(comparison_groups(view)):  # each option named once
                inner.addWidget(_bold(lead, box, f"compareGroup_{g}"))
                for item in items:
                    label = _rich(f"{MARKS[item.marker]} {inline(item.spans, _MUTED)}", box, f"compare_{i}")
                    label.setAccessibleName(f"{MARKS[item.marker]} " + "".join(sp.text for sp in item.spans))
                    inner.addWidget(label)
                    i += 1
        if view.checklist:
            inner.addWidget(_label(view.labels.what_to_do, "subtitle", box))
            for i, p in enumerate(view.checklist):
                inner.addWidget(_bold(f"{p.title} ({p.category_label})", box))
                inner.addWidget(_label(p.text, "", box, f"precautionText_{i}"))
        background = [n for n in view.notices if n.kind not in ("policy", "warning")]
        if background:
            inner.addWidget(_label(view.labels.notices, "subtitle", box))
            for n in background:
                inner.addWidget(_bold(n.title, box))
                inner.addWidget(_label(n.text, "", box, f"notice_{n.id}"))
        if view.more_reasons:
            # the summary shows the first reasons; the details fold out the rest, never the same again
            inner.addWidget(_label(view.labels.more_reasons, "subtitle", box))
            for i, reason in enumerate(view.more_reasons):
                inner.addWidget(self._reason(reason, box, f"reason_{i}"))
        if view.further_reading or view.sources:
            inner.addWidget(_label(_("Sources and further reading"), "subtitle", box))
            for i, link in enumerate(view.further_reading):
                inner.addWidget(self._link(link.title, link.url, box, f"reading_{i}"))
            for i, src in enumerate(view.sources):
                date = _("dated {date}").format(date=src.date_text or src.date) if src.date else _("undated")
                status = f", {src.status_label}" if src.status_label else ""
                inner.addWidget(self._link(f"[{src.id}] {src.title}, {date}{status}", src.url or "", box,
                                           f"source_{i}"))
        show_now(inner)

    def _pros_cons(self, r: RankingView, view: ReportView, parent: QWidget) -> QGridLayout:
        """Pros and cons as two aligned columns with icons."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(4)
        for col, (title, items, icon, empty, name) in enumerate((
            (r.pros_title, r.pros, "✔", view.labels.no_pros, "pros"),
            (r.cons_title, r.cons, "✘", view.labels.no_cons, "cons"),
        )):
            grid.addWidget(_bold(title, parent), 0, col)
            points: tuple[Point, ...] = items
            if not points:
                grid.addWidget(_label(empty, "muted", parent), 1, col)
            for i, p in enumerate(points, start=1):
                tag = cite(p.sources)  # the sources, as the reports show them
                muted = f" <span {_MUTED}>{_html(tag)}</span>" if tag else ""
                label = _rich(f"{icon} {_html(p.text)}{muted}", parent, f"{name}_{r.kind}_{i - 1}")
                label.setAccessibleName(f"{p.text} {tag}".strip())
                label.setAlignment(Qt.AlignmentFlag.AlignTop)
                grid.addWidget(label, i, col)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return grid

    def _comply_or_explain(self, coe: ComplyOrExplain, view: ReportView) -> QFrame:
        _ = self._tr
        card, lay = make_card("complyCard", self.host)
        lay.addWidget(_label(view.labels.comply_or_explain, "subtitle", card))
        lay.addWidget(_label(coe.intro, "muted", card))
        combo = WheelSafeComboBox(card)  # the wheel scrolls the page, never the choice unseen
        combo.setObjectName("justifyModel")
        combo.setAccessibleName(_("Deployment model you choose"))
        for i, (oid, name) in enumerate(coe.options):
            if i == 0:
                combo.addItem(_("Follow the advice ({model})").format(model=name), "")
            else:
                combo.addItem(name, oid)
        text = QPlainTextEdit(card)
        text.setObjectName("justifyText")
        text.setTabChangesFocus(True)
        text.setAccessibleName(_("Why you choose another model"))
        text.setPlaceholderText(_("Explain why you do not follow the advice."))
        text.setFixedHeight(text.fontMetrics().lineSpacing() * 4 + 20)
        if coe.deviates:
            combo.setCurrentIndex(max(0, combo.findData(coe.chosen)))
            text.setPlainText(coe.reason)
        lay.addWidget(combo, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(text)
        self.justify_error.setText(_("Please explain why you choose another model."))
        lay.addWidget(self.justify_error)
        self.justify_model, self.justify_text = combo, text
        combo.currentIndexChanged.connect(self._justification_edited)
        text.textChanged.connect(self._justification_edited)
        # Drawn, not edited: a page redrawn for other answers (after "use these answers", when the
        # chosen model became the advice) must not overwrite the choice kept for the file.
        self._justification_state()
        return card

    def clear(self) -> None:
        """Forget the advice shown and every widget holding it (kiosk reset)."""
        self.undo_shortcut.setEnabled(False)
        self._forget_widgets()
        self._return_to = None
        self.ticked.clear()

    def _forget_widgets(self) -> None:
        """Remove the cards shown (and those still to come) and drop every reference to their widgets."""
        self._rest = []
        self._build_ticket += 1
        self._built()
        self.justify_error.setParent(None)
        clear_layout(self.blocks)
        self.what_if_buttons = []
        self.undo_button = self.adopt_button = None
        self.compare_heading = None
        self.headline = None
        self.checklist = None
        self.model_bars = self.layer_bars = None
        self.justify_model = self.justify_text = None
        self.details_button = self.details = None

    def _justification_state(self) -> tuple[str, str] | None:
        """Enable the reason box and show the missing-reason error for the choice shown."""
        if self.justify_model is None or self.justify_text is None:
            return None
        chosen = str(self.justify_model.currentData() or "")
        reason = self.justify_text.toPlainText().strip()
        self.justify_text.setEnabled(bool(chosen))
        self.justify_error.setVisible(bool(chosen) and not reason)
        return chosen, reason

    def _justification_edited(self) -> None:
        state = self._justification_state()
        if state is not None:
            self.justificationChanged.emit(*state)

    def _link(self, title: str, address: str, parent: QWidget, name: str) -> QWidget:
        """A source or a reading: one link button (one tab stop) above its address, else plain text.

        Only a web address becomes a link; the app asks before opening it (`linkRequested`).
        """
        _ = self._tr
        if web_url(address) is None:
            text = title or address
            if address and address != text:
                text = f"{text} — {address}"
            return _label(text, "muted", parent, name)
        holder = QWidget(parent)
        lay = QVBoxLayout(holder)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        button = LinkButton(title or address, address, holder)
        button.setObjectName(name)
        button.setAccessibleName(title or address)
        button.setAccessibleDescription(_("Opens in your web browser after asking: {address}").format(address=address))
        button.clicked.connect(lambda _c=False, a=address: self.linkRequested.emit(a))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(button)
        row.addStretch(1)
        lay.addLayout(row)
        # Shown with a break allowed after each / . - ? & =: a long address must not widen the page.
        breakable = "".join(f"{ch}\u200b" if ch in "/.-?&=" else ch for ch in address)
        shown = _label(breakable, "muted", holder, f"{name}_address")
        shown.setAccessibleName(address)
        shown.setIndent(8)  # under the link's text, past the button's padding
        lay.addWidget(shown)
        return holder

    def _button(self, text: str, name: str, parent: QWidget, primary: bool = False) -> QPushButton:
        b = QPushButton(text, parent)
        b.setObjectName(name)
        b.setAutoDefault(True)
        if primary:
            b.setProperty("role", "primary")
        return b

    def focus_first(self) -> None:
        """Focus what comes first: the comparison's heading, the undo, else Save as PDF, else the checklist.

        Not "Use these answers": a second Enter or Space would take the what-if over unread. When a
        what-if was just closed or undone, the focus returns where the user was: its "Compare"
        button, or the advice's heading when that what-if is no longer offered.
        """
        first_box = self.findChild(QCheckBox, "precaution_0")
        target: QWidget | None = self.compare_heading or self.undo_button
        if target is None and self._return_to is not None:
            self.finish_building()  # the "Compare" button the user left is below the fold
            index, self._return_to = self._return_to, None
            target = next((b for b in self.what_if_buttons if b.objectName() == f"whatIf_{index}"), self.headline)
        target = target or self.export_buttons.get("pdf") or first_box
        if target is None:
            self.finish_building()
            target = self.details_button
        self.verticalScrollBar().setValue(0)  # first: the focus then scrolls its widget into view
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            self.ensure_visible(target)


class _FirstPaint(QObject):
    """Calls `then` once, when the widget it watches is first painted."""

    def __init__(self, parent: QObject, then: Callable[[], object]) -> None:
        super().__init__(parent)
        self.seen = False
        self._then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """The first paint: go on (after it, on the next turn of the event loop)."""
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            watched.removeEventFilter(self)
            self._then()
        return False


class RovingFocus(QObject):
    """A list of check boxes as one tab stop: the arrow keys move the focus inside, Space ticks.

    Only the current box takes the focus by Tab (a "roving tab stop", as lists of check boxes in
    other desktop apps); Up/Left and Down/Right move to the previous and next box, Home and End to
    the first and last. The box last visited stays the list's tab stop.
    """

    def __init__(self, boxes: Sequence[QCheckBox], parent: QObject) -> None:
        super().__init__(parent)
        self.boxes = list(boxes)
        for box in boxes:
            box.installEventFilter(self)
        self._current(boxes[0])

    def _current(self, box: QCheckBox) -> None:
        for b in self.boxes:
            b.setFocusPolicy(Qt.FocusPolicy.StrongFocus if b is box else Qt.FocusPolicy.ClickFocus)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Arrow keys, Home and End move among the boxes; a box that gets the focus becomes the tab stop."""
        if watched not in self.boxes:
            return False
        box = self.boxes[self.boxes.index(watched)]
        if event.type() == QEvent.Type.FocusIn:
            self._current(box)
        elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and not event.modifiers():
            at = self.boxes.index(box)
            moves = {Qt.Key.Key_Up: at - 1, Qt.Key.Key_Left: at - 1, Qt.Key.Key_Down: at + 1,
                     Qt.Key.Key_Right: at + 1, Qt.Key.Key_Home: 0, Qt.Key.Key_End: len(self.boxes) - 1}
            if event.key() in moves:
                target = self.boxes[max(0, min(len(self.boxes) - 1, moves[Qt.Key(event.key())]))]
                self._current(target)
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False


class _SteadyLabel(PlainLabel):
    """A label that remembers its height for each width it was asked about, until it changes.

    Qt's QLabel lays its text out anew each time a layout asks for its height at a width, and the
    page's nested layouts ask again and again (twice per pass, at each of a few widths, on every
    pass): most of the advice's first paint went into wrapping the same texts at the same widths.
    Anything that can change the height (the text, its format, the font, the style, margins and
    indent) forgets the heights.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sizes = SizeMemory()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        """QLabel's height for `width`, worked out once."""
        return self._sizes.height(width, super().heightForWidth)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """A new font, style, palette or state: heights are worked out again."""
        self._sizes.forget()
        super().changeEvent(event)

    setText = forgets(PlainLabel.setText)
    setTextFormat = forgets(QLabel.setTextFormat)
    setWordWrap = forgets(QLabel.setWordWrap)
    setIndent = forgets(QLabel.setIndent)
    setMargin = forgets(QLabel.setMargin)
    clear = forgets(QLabel.clear)
    setNum = forgets(QLabel.setNum)
    setPixmap = forgets(QLabel.setPixmap)
    setMovie = forgets(QLabel.setMovie)
    setPicture = forgets(QLabel.setPicture)


class _Heading(_SteadyLabel):
    """A heading of the page to screen readers (`HEADING_PROPERTY`), from its construction on.

    Qt keeps the accessible interface first made for a widget, and with a screen reader running one
    is made as soon as the label exists (a property set after that would not count): the class says
    it is a heading; the property gives its level.
    """

    heading_level = 3  #: a card's bold title, unless `mark_heading` gives another level

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        mark_heading(self, self.heading_level)


#: The label roles that are headings, with their level (the headline, a card's or a detail's title).
_HEADING_LEVELS = {"headline": 1, "subtitle": 2}


def _label(text: str = "", role: str = "", parent: QWidget | None = None, name: str = "",
           cls: type[_SteadyLabel] | None = None) -> QLabel:
    """A label of the page (`make_label`, as a `_SteadyLabel`); the headline and subtitles are headings."""
    level = _HEADING_LEVELS.get(role)
    label = make_label(text, role, parent, name, cls=cls or (_Heading if level else _SteadyLabel))
    if level:
        mark_heading(label, level)
    return label


def _html(text: str) -> str:
    """Escape questionnaire text for a rich-text label."""
    return html.escape(str(text))


def _bold(text: str, parent: QWidget, name: str = "") -> QLabel:
    """A plain-text label in bold: a small heading inside a card."""
    label = _label(text, "", parent, name, cls=_Heading)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _rich(markup: str, parent: QWidget, name: str = "") -> QLabel:
    """A label showing escaped rich text (bold names, line breaks)."""
    label = _label(keep_narrow_spaces(markup), "", parent, name)  # Qt's parser drops U+202F otherwise
    label.setTextFormat(Qt.TextFormat.RichText)
    return label
