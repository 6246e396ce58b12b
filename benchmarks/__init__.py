"""Benchmarks: end-to-end throughput and memory of `opendata publish` against DuckDB and presidio-structured.

Run `python benchmarks/run.py`; see benchmarks/README.md for the options and how to read the table.
"""
