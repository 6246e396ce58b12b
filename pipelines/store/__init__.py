"""The registry in `HOME/opendata.duckdb`: releases, audit log, access log."""
