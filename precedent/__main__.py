"""``python -m precedent``: the same as the ``precedent`` command."""

from .cli import main

main()
