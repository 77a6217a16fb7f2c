"""The ``inburg`` subcommands, one module per noun (vault, case, demo, ...)."""
