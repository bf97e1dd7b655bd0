"""Checks of documents against the built-in and user schemas, and the format-preserving fixer."""
