"""The `opendata` command line. Heavy libraries are imported inside commands, so --help is fast."""
