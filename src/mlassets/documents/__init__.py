"""The documents mlassets reads: cards, OpenML descriptions, the project file and the lock."""
