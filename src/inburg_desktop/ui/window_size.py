"""Every window fits the screen it opens on: never larger than the screen's available
geometry (the screen less the taskbar) minus the window manager's frame.

A consultant's laptop is often 1366×768; with a taskbar of 40 px and a title bar, a window
built for 1366×768 lost its bottom row ("Parkeren (Ctrl+P)", the dialog buttons) below
the screen edge. :func:`fit_to_screen` is the one rule; :class:`WindowFitter`, installed
once on the application (``install``), applies it to every top-level window and dialog
when it is first shown, so a window's own ``resize()`` is its *preferred* size and no
window can forget the rule.

Before a window has been shown once its frame is often unknown (the window manager adds
it on mapping); :data:`FRAME_ALLOWANCE` is the least frame assumed: a title bar and borders
as the common Linux and Windows window managers draw them at 100 % scale.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QScrollArea, QWidget

FRAME_ALLOWANCE = QMargins(8, 37, 8, 8)
"""Left, title bar, right, bottom (px) of a frame not yet known."""


def available_geometry(window: QWidget) -> QRect:
    """The part of the window's screen a window may use (taskbar and docks excluded)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_margins(window: QWidget) -> QMargins:
    """The window manager's frame around ``window``: per side, the larger of what is
    measured now and :data:`FRAME_ALLOWANCE` (on its first show a window's frame is often
    not drawn yet, or a placeholder, and a window too small by a few pixels is harmless
    where one too large loses its bottom row)."""
    outer, inner = window.frameGeometry(), window.geometry()
    return QMargins(
        max(inner.left() - outer.left(), FRAME_ALLOWANCE.left()),
        max(inner.top() - outer.top(), FRAME_ALLOWANCE.top()),
        max(outer.right() - inner.right(), FRAME_ALLOWANCE.right()),
        max(outer.bottom() - inner.bottom(), FRAME_ALLOWANCE.bottom()),
    )


def room_for(window: QWidget) -> QRect:
    """Where ``window``'s inside (without its frame) may be: the available geometry less
    the frame."""
    return available_geometry(window).marginsRemoved(frame_margins(window))


def fit_to_screen(window: QWidget) -> QSize:
    """Shrink ``window`` to the room the screen has for it (its size is its preferred
    size; it grows only as far as its wrapped text needs at that width, within the room)
    and place it inside that room. Returns the size.

    Every window is placed by the program, never left to the window manager: a window
    the window manager placed (cascaded below another) had its bottom edge 15 px below a
    1366×768 screen (usability round 4, finding 18). A geometry the program gave (a
    remembered one, possibly from a larger or a second screen, or one computed beside
    another window) is kept where it lies inside the room and moved in where it does not;
    a dialog stays where Qt centred it over its parent, moved in as far as needed; any
    other window is centred in the room.

    A window whose layout needs more than the room (its minimum size) keeps that minimum:
    the test of issue 13, item 12 (``tests/ui/test_window_size.py``) fails on such a
    window, so its content must scroll or wrap instead."""
    room = room_for(window)
    wanted = window.size()
    size = QSize(min(wanted.width(), room.width()), min(wanted.height(), room.height()))
    layout = window.layout()
    if layout is not None and layout.hasHeightForWidth():
        # Wrapped labels need more lines at this width than the size asked for showed:
        # grow (within the room) rather than cut their last lines (usability round 3:
        # the sync window's enrollment text was cut at the bottom).
        needed = layout.totalHeightForWidth(size.width())
        size.setHeight(max(size.height(), min(needed, room.height())))
    size = size.expandedTo(window.minimumSize())
    placed = window.testAttribute(Qt.WidgetAttribute.WA_Moved) or isinstance(window, QDialog)
    inner = window.geometry()
    if placed:
        wanted_at = inner.topLeft()
    else:
        wanted_at = room.center() - QRect(0, 0, size.width(), size.height()).center()
    window.setGeometry(QRect(inside(room, QRect(wanted_at, size)), size))
    return size


def inside(room: QRect, rect: QRect) -> QPoint:
    """The top left corner nearest to ``rect``'s at which ``rect`` lies inside ``room``
    (a rect larger than ``room`` keeps to its top left corner)."""
    left = max(room.left(), min(rect.left(), room.right() + 1 - rect.width()))
    top = max(room.top(), min(rect.top(), room.bottom() + 1 - rect.height()))
    return QPoint(left, top)


def show_whole_content(window: QWidget, area: QScrollArea) -> None:
    """Make shown ``window`` tall enough for ``area`` (its one scroll area) to show its
    whole content at the width it has, within the room the screen has (and never
    shrinking it); the area scrolls only when the screen is too small. Called once the
    window is shown: a form's text is measured in the fonts its style gives it, which a
    widget gets only when it is first shown."""
    content = area.widget()
    outer = window.layout()
    if content is None or outer is None or not window.isVisible():
        return
    outer.activate()
    inner = content.layout()
    if inner is not None:
        inner.activate()
    width = area.viewport().width()
    needed = (
        inner.totalHeightForWidth(width)
        if inner is not None and inner.hasHeightForWidth()
        else content.sizeHint().height()
    )
    extra = needed - area.viewport().height()
    if extra <= 0:
        return
    room = room_for(window)
    size = QSize(window.width(), min(window.height() + extra, room.height()))
    if size.height() > window.height():
        window.setGeometry(QRect(inside(room, QRect(window.geometry().topLeft(), size)), size))


def grow_for_wrapped_text(window: QWidget) -> None:
    """Make ``window`` as tall as its wrapped labels need at its width, within the room
    the screen has (never shrinking it: the consultant may have made it larger)."""
    layout = window.layout()
    if layout is None or not layout.hasHeightForWidth() or not window.isVisible():
        return
    room = room_for(window)
    needed = min(layout.totalHeightForWidth(window.width()), room.height())
    if needed > window.height():
        # grown downwards as far as the room goes, then upwards: never below the screen
        size = QSize(window.width(), needed)
        window.setGeometry(QRect(inside(room, QRect(window.geometry().topLeft(), size)), size))


def no_sideways_scrolling(area: QScrollArea) -> None:
    """Make the layout around ``area`` give it at least the width of its content (and of
    its vertical scroll bar), so a form scrolls down but never sideways with a field cut
    off at the right (a splitter or window that is narrower then shrinks its other parts)."""
    content = area.widget()
    if content is None:
        return
    frame = 2 * area.frameWidth()
    bar = area.verticalScrollBar().sizeHint().width()
    area.setMinimumWidth(content.minimumSizeHint().width() + bar + frame)


_FITTED = "inburgFittedToScreen"


class WindowFitter(QObject):
    """An application event filter: :func:`fit_to_screen` on each window's first show."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and not watched.property(_FITTED)
            and not _is_popup(watched)
        ):
            watched.setProperty(_FITTED, True)
            fit_to_screen(watched)
        elif (
            event.type() == QEvent.Type.LayoutRequest
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched.property(_FITTED)
        ):
            # Text set or a part shown after the first show (a state read in the
            # background, a longer message): its wrapped lines still get their room.
            grow_for_wrapped_text(watched)
        return False


def _is_popup(widget: QWidget) -> bool:
    """Menus, tooltips, combo lists: Qt places those itself, inside the screen."""
    kind = widget.windowType()
    return kind in (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen)


def install(app: QApplication) -> WindowFitter:
    """Install the fitter on ``app`` once (a second call returns the installed one)."""
    existing = app.findChild(WindowFitter)
    if isinstance(existing, WindowFitter):
        return existing
    fitter = WindowFitter(app)
    app.installEventFilter(fitter)
    return fitter
