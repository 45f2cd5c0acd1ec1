"""Run the evaluation calculator from the command line (see :mod:`scoring.evaluation.cli`)."""

import sys

from scoring.evaluation.cli import main

sys.exit(main())
