"""``python -m sphinx_nnbook.bench``: the same as ``nnbook-bench``."""

from .cli import main

raise SystemExit(main())
