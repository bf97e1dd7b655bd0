"""The vocabulary every layer shares: errors, findings, the rule registry and asset references."""
