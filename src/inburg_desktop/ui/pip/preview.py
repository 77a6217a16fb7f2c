"""The live PDF preview: debounced, rendered off the GUI thread, shown as page images.

The preview is the document that export and print produce: it is given a
:class:`~inburg_desktop.services.pip_editing.PipFile` made by the same functions (the
annex in the chosen language included; once signed, the signed copy), and its pages are
cut by :func:`page_pngs`, which printing uses too. So the page count and the "pagina n
van m" on screen are those of the paper (usability round 6, finding 6).

The preview holds personal data, so it never touches the disk: PySide6-Essentials ships
no QtPdf, so the PDF bytes go to ``pdftoppm`` on stdin and the pages come back as PNGs
on stdout (one stream, split at each PNG's end). Only the newest request is shown; an
older render that finishes late is dropped.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from inburg_desktop.i18n import _
from inburg_desktop.messages import error_text, problem_text
from inburg_desktop.pdf.document import noting_replaced
from inburg_desktop.services.pip_attachments import PDF
from inburg_desktop.services.pip_editing import PipFile
from inburg_desktop.ui.notice_bar import STYLES
from inburg_desktop.ui.tasks import CancelToken, TaskGroup

DEBOUNCE_MS = 400
DPI = 90  # rendered a little larger than shown, then scaled to the pane's width
PNG_END = b"IEND\xaeB`\x82"


class PreviewUnavailable(RuntimeError):
    """``pdftoppm`` (poppler-utils) is not installed."""


def rasterise(pdf: bytes, dpi: int = DPI) -> list[bytes]:
    """Every page of ``pdf`` as PNG bytes, in memory (stdin to stdout, no files)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise PreviewUnavailable("pdftoppm")
    done = subprocess.run(
        [tool, "-png", "-r", str(dpi), "-"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    )
    pages = []
    rest = done.stdout
    while rest:
        end = rest.find(PNG_END)
        if end < 0:
            break
        pages.append(rest[: end + len(PNG_END)])
        rest = rest[end + len(PNG_END) :]
    return pages


def page_pngs(produced: PipFile, dpi: int = DPI) -> list[bytes]:
    """The pages of ``produced`` as PNG or JPEG images, one per page: a PDF rasterised at
    ``dpi``, a signed copy kept as an image (a scan) as it is. Raises
    :class:`PreviewUnavailable` without ``pdftoppm``."""
    if produced.media_type == PDF:
        return rasterise(produced.content, dpi)
    return [produced.content]


class PdfPreview(QScrollArea):
    """Call :meth:`request` with a function that returns the :class:`PipFile` export and
    print would produce (run off-thread)."""

    rendered = Signal(int)  # number of pages shown
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pipPreview")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet("QScrollArea#pipPreview{background:#6b7280}")
        body = QWidget()
        body.setStyleSheet("background:#6b7280")
        self.pages_box = QVBoxLayout(body)
        self.pages_box.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.pages_box.setSpacing(8)
        self.status = QLabel(_("Voorbeeld wordt gemaakt…"))
        self.status.setStyleSheet("color:white")
        self.pages_box.addWidget(self.status)
        # Above the pages, before anything is saved, printed or signed: which field holds a
        # character the PDF prints as its code (issue 13).
        self.replaced = QLabel()
        self.replaced.setObjectName("pipPreviewReplaced")
        self.replaced.setWordWrap(True)
        # it names a field's text: shown as text, never read as markup
        self.replaced.setTextFormat(Qt.TextFormat.PlainText)
        self.replaced.setStyleSheet(f"QLabel{{{STYLES['warning']}padding:6px 10px}}")
        self.replaced.hide()
        self.pages_box.addWidget(self.replaced)
        self.setWidget(body)
        self.page_labels: list[QLabel] = []
        self.pixmaps: list[QPixmap] = []
        self.pending: Callable[[], PipFile] | None = None
        self.generation = 0
        self.shown_generation = 0
        self.busy = False
        self.tasks = TaskGroup(self)
        self.last_file: PipFile | None = None  # what the pages shown were cut from
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._start)

    def request(self, make_pdf: Callable[[], PipFile]) -> None:
        """Schedule a render; quick successive calls make one render of the last one."""
        self.pending = make_pdf
        self.generation += 1
        self.timer.start()

    def shutdown(self) -> None:
        """Stop rendering: the window is closing (a render still running is dropped)."""
        self.tasks.cancel_all()
        self.busy = False
        self.timer.stop()
        self.pending = None
        self.last_file = None

    def _start(self) -> None:
        if self.busy or self.pending is None:
            return  # _done starts the newest pending one
        make_pdf, generation = self.pending, self.generation
        self.pending = None
        self.busy = True

        def work(token: CancelToken) -> tuple[int, PipFile, list[bytes], str]:
            produced, replaced = noting_replaced(make_pdf, decision=True)
            token.raise_if_cancelled()  # closed while rendering: skip rasterising
            said = "" if replaced is None else problem_text(replaced)
            return generation, produced, page_pngs(produced), said

        self.tasks.run(work, self._done, self._failed, name="pip-preview")

    def _done(self, result: tuple[int, PipFile, list[bytes], str]) -> None:
        self.busy = False
        generation, produced, pages, said = result
        if generation >= self.shown_generation:
            self.shown_generation = generation
            self.last_file = produced
            self.replaced.setText(said)
            self.replaced.setVisible(bool(said))
            self._show(pages)
        if self.pending is not None:
            self._start()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        if isinstance(exc, PreviewUnavailable):
            text = _("Geen voorbeeld: installeer poppler-utils (pdftoppm).")
        else:
            text = _("Geen voorbeeld: {problem}").format(problem=error_text(exc))
        self.status.setText(text)
        self.status.show()
        self.failed.emit(text)
        if self.pending is not None:
            self._start()

    def _show(self, pages: list[bytes]) -> None:
        for label in self.page_labels:
            self.pages_box.removeWidget(label)
            label.deleteLater()
        self.page_labels = []
        self.pixmaps = []
        self.status.hide()
        for png in pages:
            pixmap = QPixmap()
            pixmap.loadFromData(png)
            label = QLabel()
            label.setStyleSheet("background:white;border:1px solid #374151")
            self.pages_box.addWidget(label)
            self.page_labels.append(label)
            self.pixmaps.append(pixmap)
        self._fit()
        self.rendered.emit(len(pages))

    def _fit(self) -> None:
        """Pages as wide as the pane (no sideways scrolling), smoothly scaled."""
        width = max(120, self.viewport().width() - 28)
        self.replaced.setFixedWidth(width)  # wraps within the pane, as wide as a page
        for label, pixmap in zip(self.page_labels, self.pixmaps, strict=True):
            label.setPixmap(pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
