"""Qt windows and widgets; the only package that imports PySide6."""
