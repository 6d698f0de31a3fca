"""``python -m delil`` runs the CLI."""

from delil.cli import main

main()
