"""``python -m leaktrace`` runs the CLI."""

from leaktrace.cli import main

main()
