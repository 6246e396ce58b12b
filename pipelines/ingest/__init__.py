"""Ingest: read a departmental extract (CSV, XLSX, JSON, Parquet) into DuckDB as text columns."""

from pipelines.ingest.reader import LoadedExtract, load_extract

__all__ = ["LoadedExtract", "load_extract"]
