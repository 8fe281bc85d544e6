"""Entry point for `python -m cspsearch`."""

from cspsearch.cli import main

main()
