"""Ingest, catalog spec model, release writer, registry and CLI of the open-data toolkit."""

__version__ = "0.1.0"
