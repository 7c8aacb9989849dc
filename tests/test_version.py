"""One version number: pyproject.toml -> nnbook.__version__ -> CITATION.cff.

The book's metadata (its title page, "Cite this" boxes and meta tags) is
made from the same ``[project].version`` by the machinery, whose own tests
check that; here, without Sphinx, the package and the citation file.
"""

import re
import tomllib
from pathlib import Path

import nnbook

ROOT = Path(__file__).resolve().parents[1]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
    "project"
]["version"]


def test_the_package_reports_the_version_of_pyproject():
    # An editable install records the version when it is installed: after
    # a bump, reinstall (nox does on its next run without -R).
    assert nnbook.__version__ == VERSION


def test_citation_cff_carries_the_same_version():
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    # The software's version and its preferred citation's (indented).
    found = re.findall(r"^\s*version: (\S+)$", text, flags=re.MULTILINE)
    assert found == [VERSION, VERSION], "run `nox -s citation` after a version bump"


def test_the_build_backend_is_pinned_exactly():
    # python -m build installs [build-system].requires in a fresh
    # environment: a range would build each release with whatever
    # setuptools is newest that day. The machinery's package too.
    for path in (ROOT / "pyproject.toml", ROOT / "machinery" / "pyproject.toml"):
        requires = tomllib.loads(path.read_text(encoding="utf-8"))["build-system"][
            "requires"
        ]
        loose = [r for r in requires if not re.fullmatch(r"[\w.-]+==[\w.]+", r)]
        assert not loose, f"{path}: pin [build-system] requires exactly: {loose}"
