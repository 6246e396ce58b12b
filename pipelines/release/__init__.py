"""The release writer: versioned, immutable release folders written atomically."""
