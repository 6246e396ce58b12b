"""The web portal (issue 15): placeholder so the import contracts can name it; nothing imports it."""
