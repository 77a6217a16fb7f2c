"""The PIP editor: beschikking and ontwikkelplan, live preview, setting, amending, signing.

May import: what ``ui`` may; the rest of ``ui`` imports this package only for the editor.
"""

from inburg_desktop.ui.pip.window import PipEditorWindow, open_pip_editor

__all__ = ["PipEditorWindow", "open_pip_editor"]
