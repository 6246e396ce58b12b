"""The store layer: registry tables, audit and access logs, releases and the catalogs built from them (LAYOUT.md)."""
