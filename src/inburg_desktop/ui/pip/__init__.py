"""The PIP editor: beschikking and ontwikkelplan, live preview, setting, amending, signing."""

from inburg_desktop.ui.pip.window import PipEditorWindow, open_pip_editor

__all__ = ["PipEditorWindow", "open_pip_editor"]
