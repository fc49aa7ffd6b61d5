"""``python -m corpuskit`` runs the command line."""

import sys

from corpuskit.cli import main

sys.exit(main())
