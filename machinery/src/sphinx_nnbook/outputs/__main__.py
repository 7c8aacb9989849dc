"""``python -m sphinx_nnbook.outputs``: the same as ``nnbook-outputs``."""

import sys

from .cli import main

sys.exit(main())
