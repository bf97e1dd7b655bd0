"""The typed manifest: built from a card or a remote asset, read and written byte-for-byte."""
