"""The office server: FastAPI app, its tables and migrations, device auth, admin CLI."""
