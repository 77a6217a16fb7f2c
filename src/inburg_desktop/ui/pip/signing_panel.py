"""Signing: both sign on the pad, or print and sign and attach the scan later; and the
signed copies kept in the vault, exported only on an explicit action."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.counts import format_kilobytes
from inburg_desktop.i18n import _
from inburg_desktop.services.pip_attachments import KIND_SCAN, KIND_SIGNED, AttachmentInfo
from inburg_desktop.ui.pip.signature_pad import SignatureBox


def attachment_label(info: AttachmentInfo) -> str:
    kind = {KIND_SIGNED: _("Ondertekend PIP"), KIND_SCAN: _("Scan van het ondertekende PIP")}
    return _("{kind}, versie {version} · {size} kB · SHA-256 {sha}…").format(
        kind=kind.get(info.kind, info.kind),
        version=info.version or "?",
        size=format_kilobytes(info.size),
        sha=info.sha256[:12],
    )


class SigningPanel(QWidget):
    sign_requested = Signal(bytes, bytes)  # PNG of the inburgeraar, of the consulent
    export_unsigned_requested = Signal()
    attach_scan_requested = Signal()
    export_requested = Signal(str)  # sha256

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        self.state = QLabel()
        self.state.setTextFormat(Qt.TextFormat.PlainText)  # data, never markup
        self.state.setObjectName("signState")
        self.state.setWordWrap(True)
        column.addWidget(self.state)
        pads = QHBoxLayout()
        self.inburgeraar = SignatureBox(_("Handtekening inburgeraar"))
        self.inburgeraar.setObjectName("padInburgeraar")
        self.consulent = SignatureBox(_("Handtekening consulent"))
        self.consulent.setObjectName("padConsulent")
        pads.addWidget(self.inburgeraar)
        pads.addWidget(self.consulent)
        column.addLayout(pads, 1)
        self.sign_button = QPushButton(_("Ondertekenen en in de kluis bewaren"))
        self.sign_button.setObjectName("signButton")
        self.sign_button.setEnabled(False)
        self.sign_button.clicked.connect(self._sign)
        column.addWidget(self.sign_button)
        paper = QGroupBox(_("Op papier ondertekenen"))
        paper_row = QHBoxLayout(paper)
        self.export_unsigned = QPushButton(_("PDF exporteren om te printen…"))
        self.export_unsigned.clicked.connect(self.export_unsigned_requested)
        self.attach_scan = QPushButton(_("Ondertekende scan toevoegen…"))
        self.attach_scan.clicked.connect(self.attach_scan_requested)
        paper_row.addWidget(self.export_unsigned)
        paper_row.addWidget(self.attach_scan)
        column.addWidget(paper)
        stored = QGroupBox(_("Ondertekende exemplaren in de kluis"))
        stored_box = QVBoxLayout(stored)
        self.attachments = QListWidget()
        self.attachments.setObjectName("pipAttachments")
        self.attachments.setMaximumHeight(80)
        stored_box.addWidget(self.attachments)
        self.export_button = QPushButton(_("Exemplaar exporteren…"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self._export)
        stored_box.addWidget(self.export_button)
        column.addWidget(stored)
        self.attachments.currentItemChanged.connect(
            lambda item, _old: self.export_button.setEnabled(item is not None)
        )
        self.inburgeraar.done_changed.connect(self._update)
        self.consulent.done_changed.connect(self._update)
        self.signable = False

    def set_status(self, status: str) -> None:
        """``none``/``draft``/``set``/``signed``: what signing can do now."""
        self.signable = status == "set"
        texts = {
            "none": _("Er is nog geen PIP. Stel het eerst op en vast."),
            "draft": _(
                "Het PIP is nog een concept: stel het eerst vast, dan kan het worden ondertekend."
            ),
            "set": _(
                "Het PIP is vastgesteld. Laat de inburgeraar en de consulent tekenen en kies "
                "daarna ‘Klaar’."
            ),
            "signed": _("Het PIP is ondertekend en bewaard in de kluis."),
        }
        self.state.setText(texts.get(status, status))
        for box in (self.inburgeraar, self.consulent):
            box.setEnabled(self.signable)
        # after signing the same button exports the signed copy (the document as signed)
        self.export_unsigned.setEnabled(status in ("draft", "set", "signed"))
        self.attach_scan.setEnabled(status in ("set", "signed"))
        self._update()

    def _update(self) -> None:
        self.sign_button.setEnabled(self.signable and self.inburgeraar.done and self.consulent.done)

    def _sign(self) -> None:
        first, second = self.inburgeraar.png_bytes(), self.consulent.png_bytes()
        if first is not None and second is not None:
            self.sign_button.setEnabled(False)
            self.sign_requested.emit(first, second)

    def set_attachments(self, infos: list[AttachmentInfo]) -> None:
        self.attachments.clear()
        for info in infos:
            item = QListWidgetItem(attachment_label(info))
            item.setData(Qt.ItemDataRole.UserRole, info.sha256)
            self.attachments.addItem(item)

    def _export(self) -> None:
        item = self.attachments.currentItem()
        if item is not None:
            self.export_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))
