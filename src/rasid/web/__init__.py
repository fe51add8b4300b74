"""The web UI and JSON API (``rasid serve``); FastAPI and Jinja are imported only here."""
