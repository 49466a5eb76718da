"""The GUI side of the one translation system: gettext for our strings, Qt's catalogs for Qt's.

Our own strings (GUI and engine) come from the gettext catalogs of `cloudwizard.engine.i18n`; Qt's
standard dialogs and buttons are translated by the ``qtbase_<lang>.qm`` files that ship with PySide6.
"""

# ruff: noqa: N815 - Qt signals are camelCase, like Qt's own
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal

from cloudwizard.engine.i18n import N_, gettext_for, ngettext_for
from cloudwizard.engine.vocabulary import LANGUAGES

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator


class Localizer(QObject):
    """The language of the app, and the ``_()`` for it.

    Pages receive one `Localizer` through their constructor and call `gettext` (usually bound to
    ``_``) whenever they (re)write their texts.

    Signals:
        languageChanged(str): the language code after a switch.
    """

    languageChanged = Signal(str)

    def __init__(self, language: str = "en", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language if language in LANGUAGES else "en"
        self._qt_translator: QTranslator | None = None
        self.gettext: Callable[[str], str] = gettext_for(self._language)
        #: ``ngettext(singular, plural, n)``: the form for the count `n` (French: 0 and 1 are singular).
        self.ngettext: Callable[[str, str, int], str] = ngettext_for(self._language)

    @property
    def language(self) -> str:
        """The current language code (nl, fr, de or en)."""
        return self._language

    def install_qt_translations(self) -> None:
        """Load Qt's own catalog for the current language into the running application."""
        app = QCoreApplication.instance()
        if app is None:
            return
        if self._qt_translator is not None:
            app.removeTranslator(self._qt_translator)
            self._qt_translator.deleteLater()  # else every switch keeps a catalog alive (seen in the soak)
            self._qt_translator = None
        QLocale.setDefault(QLocale(self._language))
        global _GAPS
        if _GAPS is not None:  # follows this Localizer now (English: it answers nothing)
            _GAPS.gettext = lambda: self.gettext  # type: ignore[attr-defined]
        if self._language == "en":
            return
        from PySide6.QtCore import QLibraryInfo, QTranslator  # here: English, Qt's own language, needs neither

        translator = QTranslator(self)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{self._language}", folder):
            app.installTranslator(translator)
            self._qt_translator = translator
        if _GAPS is None:
            # One for the app, installed after Qt's catalog, so asked first; it answers only the strings
            # Qt's catalogs leave untranslated (`QT_GAPS`), in the language of the Localizer that set it last.
            _GAPS = _QtCatalogGaps(app)
            _GAPS.gettext = lambda: self.gettext  # type: ignore[attr-defined]
            app.installTranslator(_GAPS)
        else:  # Qt's catalog was installed after it: install it again so it stays first
            app.removeTranslator(_GAPS)
            app.installTranslator(_GAPS)

    def set_language(self, language: str) -> None:
        """Switch the language; emits `languageChanged` when it changes."""
        if language not in LANGUAGES or language == self._language:
            return
        self._language = language
        self.gettext = gettext_for(language)
        self.ngettext = ngettext_for(language)
        self.install_qt_translations()
        self.languageChanged.emit(language)


#: Qt strings its own catalogs leave in English (Qt 6 added access keys, and qtbase_fr/nl/de.qm still
#: hold the older "Look in:" / "Files of type:"), so the non-native file dialog showed them beside
#: translated labels. Keyed by Qt's context; translated in our gettext catalogs.
QT_GAPS: dict[str, frozenset[str]] = {
    "QFileDialog": frozenset({N_("&Look in:"), N_("Files of &type:")}),
    "QAbstractFileIconProvider": frozenset({N_("Folder"), N_("File"), N_("Drive")}),  # the dialog's Type column
}


def _qt_catalog_gaps_class() -> type:
    from PySide6.QtCore import QTranslator

    class QtCatalogGaps(QTranslator):
        """Translates the `QT_GAPS` strings with our catalogs; everything else is left to Qt's."""

        def __init__(self, parent: QObject | None = None) -> None:
            super().__init__(parent)
            #: Returns the current ``_()`` (the Localizer that installed Qt's catalogs last).
            self.gettext: Callable[[], Callable[[str], str]] = lambda: (lambda text: text)

        def isEmpty(self) -> bool:  # noqa: N802 - Qt override
            return False

        def translate(self, context: str, source: str, disambiguation: str | None = None,
                      n: int = -1) -> str | None:
            if source not in QT_GAPS.get(context, frozenset()):
                return None  # a null string: not ours, Qt asks the next catalog ("" would blank the text)
            text = self.gettext()(source)
            return None if text == source else text

    return QtCatalogGaps


def _QtCatalogGaps(parent: QObject) -> QTranslator:  # noqa: N802
    return _qt_catalog_gaps_class()(parent)


_GAPS: QTranslator | None = None
