"""inburg-desktop: the consultant's tool for the brede intake and the PIP."""

__version__ = "0.1.0"
