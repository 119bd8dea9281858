"""Help menu windows: About (version, licence, where files are kept) and the offline user guide."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from testimonia import __version__, resources
from testimonia.core import config

from .i18n import arg
from .plain import plain_label
from .sample_project import sample_target

LICENCE = "GPL-3.0-or-later"
GUIDE = ("docs", "USER_GUIDE.md")
# The screenshot beside the guide in the repository is not bundled, and the reader is looking at
# the window anyway: image lines are dropped rather than shown as broken pictures.
_IMAGE_LINE = re.compile(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$", re.MULTILINE)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Testimonia"))
        title = plain_label(f"Testimonia {__version__}", wrap=False)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        # Paths are shown as plain text: a folder name is user-controlled and may look like markup.
        self.body = plain_label(self.text())
        self.body.setObjectName("aboutText")
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        icon = plain_label(wrap=False)
        icon.setPixmap(QIcon(self.windowIcon()).pixmap(64, 64))
        lay = QVBoxLayout(self)
        lay.addWidget(icon)
        lay.addWidget(title)
        lay.addWidget(self.body)
        lay.addWidget(buttons)
        self.setMinimumWidth(520)

    def text(self) -> str:
        lines = [
            self.tr("Offline annotation of human-rights evidence: statements, figures and obligations "
                    "in articles and reports."),
            "",
            arg(self.tr("Licence: %1. You may share and change it under the terms of the GNU General "
                    "Public License, version 3 or later."), LICENCE),
            "",
            arg(self.tr("Settings: %1"), str(config.config_dir())),
            arg(self.tr("Error logs: %1"), str(config.log_dir())),
            arg(self.tr("Sample project: %1"), str(sample_target())),
            "",
            self.tr("Nothing is sent over the network."),
        ]
        return "\n".join(lines)


def guide_text() -> str | None:
    path = resources.resource_path(*GUIDE)
    if path is None:
        return None
    try:
        return _IMAGE_LINE.sub("", path.read_text(encoding="utf-8"))
    except OSError:
        return None


class GuideWindow(QDialog):
    """The user guide, read-only. Markdown is rendered because the file is ours, never user text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideWindow")
        self.setWindowTitle(self.tr("Testimonia user guide"))
        self.setWindowFlag(Qt.WindowType.WindowMinMaxButtonsHint, True)
        self.browser = QTextBrowser(objectName="guideBrowser")
        self.browser.setOpenLinks(False)  # offline: no link leaves the window
        text = guide_text()
        if text is None:
            self.browser.setPlainText(self.tr("The user guide is missing from this installation."))
        else:
            self.browser.setMarkdown(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser, 1)
        lay.addWidget(buttons)
        self.resize(760, 680)
