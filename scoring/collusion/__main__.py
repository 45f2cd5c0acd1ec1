"""Run the tender's non-prose checks from the command line (see :mod:`scoring.collusion.cli`)."""

import sys

from scoring.collusion.cli import main

sys.exit(main())
