"""Interface language, and dates and numbers in the user's locale.

Strings go through Qt's own system: `self.tr()` in QObject subclasses, `translate("Context", …)`
elsewhere (pyside6-lupdate recognises both; resources/i18n/build.py refreshes the catalogue).
Stored values stay ISO 8601 and plain numbers; only what is shown is localised.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QLibraryInfo, QLocale, Qt, QTranslator

from testimonia import resources
from testimonia.core import config, field_text, messages

translate = QCoreApplication.translate

CATALOGUE = "testimonia"
LANGUAGE_CODES = {"en": QLocale.Language.English, "ko": QLocale.Language.Korean}
_PLACEHOLDER = re.compile(r"%([1-9])")
_MNEMONIC = re.compile(r"\s*\(&[^&)]\)")
_installed: list[QTranslator] = []  # kept alive here: Qt does not own installed translators


def arg(text: str, *values: object) -> str:
    """Fill %1…%9 in a translated string (PySide's tr returns str, which has no QString.arg).

    One pass, so a value that itself contains "%2" (a file name, a user's label) stays as it is.
    """
    return _PLACEHOLDER.sub(lambda m: str(values[int(m.group(1)) - 1]) if int(m.group(1)) <= len(values)
                            else m.group(0), text)


def button_text(menu_text: str) -> str:
    """A menu item's text for a toolbar button: no mnemonic, no trailing ellipsis.

    Qt drops a bare "&" by itself but not the "(&O)" form that Korean, Japanese and Chinese menus
    use, which would show on the toolbar as "(O)".
    """
    return _MNEMONIC.sub("", menu_text).replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…. ")


def chosen_locale(setting: str | None = None) -> QLocale:
    """The locale for this run: the system's, unless the user picked another language in Settings."""
    setting = config.language() if setting is None else setting
    system = QLocale.system()
    language = LANGUAGE_CODES.get(setting)
    if language is None or system.language() == language:
        return system  # same language: keep the user's regional date and number formats
    return QLocale(language)


def _languages(locale: QLocale) -> list[str]:
    """Base language codes in the user's order of preference ("ko-KR" -> "ko")."""
    out: list[str] = []
    for tag in [*locale.uiLanguages(), locale.name()]:
        code = tag.replace("-", "_").split("_")[0].lower()
        if code and code not in out:
            out.append(code)
    return out


def catalogue_for(locale: QLocale) -> tuple[str, Path] | None:
    """Our compiled catalogue for the first preferred language that has one, or None for English.

    English is the source language, so preferring it stops the search: QTranslator.load(locale)
    would otherwise skip past "en" to a later preference and show Korean to someone who put
    English first.
    """
    for code in _languages(locale):
        if code == "en":
            return None
        path = resources.resource_path("i18n", f"{CATALOGUE}_{code}.qm")
        if path is not None:
            return code, path
    return None


def install_translators(setting: str | None = None) -> QLocale:
    """Install our catalogue and Qt's own (standard buttons, dialogs) for the chosen language.

    Call before any widget exists: texts are translated when widgets are built. Returns the locale
    that dates and numbers now use (QLocale() everywhere).
    """
    app = QCoreApplication.instance()
    locale = chosen_locale(setting)
    QLocale.setDefault(locale)
    for old in _installed:
        if app is not None:
            app.removeTranslator(old)
    _installed.clear()
    found = catalogue_for(locale)
    # The core's own messages (errors about files and values) follow the interface language.
    messages.set_language(found[0] if found is not None else messages.ENGLISH)
    if found is None:
        # English is the source text, except for plurals: "%Ln document(s)" needs its forms.
        plurals = resources.resource_path("i18n", f"{CATALOGUE}_en.qm")
        found = ("en", plurals) if plurals is not None else None
    if found is None or app is None:
        return locale
    code, path = found
    ours = QTranslator(app)
    if ours.load(str(path)):
        app.installTranslator(ours)
        _installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own = QTranslator(app)
    if qt_dir and qt_own.load(f"qtbase_{code}", qt_dir):  # absent in some builds: English buttons then
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return locale


def installed_languages() -> list[str]:
    """File names of the catalogues in use (for tests and the About box)."""
    return [Path(t.filePath()).name for t in _installed]


def ui_language() -> str:
    """The language the interface shows, "en" or "ko": exports meant for people are written in it."""
    for name in installed_languages():
        if name.startswith(f"{CATALOGUE}_"):
            return field_text.language(name.removeprefix(f"{CATALOGUE}_").removesuffix(".qm"))
    return field_text.DEFAULT_LANGUAGE


# -- showing values ----------------------------------------------------------------------------
def format_datetime(iso: str) -> str:
    """An ISO 8601 timestamp from a view, in local time and the user's short date format."""
    dt = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not dt.isValid():
        return iso  # show what is stored rather than nothing
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        # A system without a locale (LANG=C, many containers and servers): Qt's C format is
        # "d MM yyyy", which reads as "1 12 2026". ISO 8601 cannot be misread.
        return dt.toLocalTime().toString("yyyy-MM-dd HH:mm")
    return locale.toString(dt.toLocalTime(), QLocale.FormatType.ShortFormat)


def format_count(n: int) -> str:
    return QLocale().toString(int(n))
