"""Application services: compose the vault, the prompt catalogue and the domain rules
for the command line and the GUI (which must not disagree)."""
