"""Entry point: ``python tools/outputs_check`` or ``python -m outputs_check``."""

import sys
from pathlib import Path

if not __package__:
    # Run as a folder (``python tools/outputs_check``): make the package
    # importable by its name, so that its modules' relative imports work.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from outputs_check.cli import main
else:
    from .cli import main

sys.exit(main())
