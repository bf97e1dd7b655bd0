"""Exports of curated manifests to the formats other tools read."""
