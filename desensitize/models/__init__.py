"""Trained models shipped with the code (see README.md here)."""
