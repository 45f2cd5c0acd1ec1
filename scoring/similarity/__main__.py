"""Run the copy detector from the command line (see :mod:`scoring.similarity.cli`)."""

import sys

from scoring.similarity.cli import main

sys.exit(main())
