"""The dashboard and its JSON API (``rasd serve``), read-only on the store.

Needs the ``web`` extra (fastapi, uvicorn). :func:`rasd.web.app.create_app`
builds the application for a database path.
"""
