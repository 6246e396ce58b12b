"""Registry tables of the platform (grants, restrictions, use reports); the registry core moves here (LAYOUT.md)."""
