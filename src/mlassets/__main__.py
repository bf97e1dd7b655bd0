"""`python -m mlassets`."""

from mlassets.cli import main

main()
