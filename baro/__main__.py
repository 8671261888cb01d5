"""Allow ``python -m baro``."""

import sys

from baro.cli import main

sys.exit(main())
