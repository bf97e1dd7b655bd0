"""Renderers: finding reports (text, SARIF, GitHub), exports (CycloneDX, SPDX, Croissant)."""
