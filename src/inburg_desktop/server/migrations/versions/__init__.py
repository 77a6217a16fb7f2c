"""Office database revisions, oldest first."""
