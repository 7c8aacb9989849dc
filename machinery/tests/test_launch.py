"""The Colab and Binder links of :mod:`sphinx_nnbook.web.launch`.

A sample book (``roots/test-web``) in sphinx-book-theme, its metadata
naming a GitHub repository: its notebook page carries the two links, its
other pages none; the launch tree written from the built site holds the
notebook each link opens; ``check-site`` finds a page without them. The
release workflow pushes the tag the links name, with the tree that
``nox -s notebooks`` writes. The links themselves cannot be followed
offline.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from sphinx_nnbook.web import launch

REPO = Path(__file__).resolve().parents[2]
GITHUB = "https://github.com/sample-org/samplebook"


@pytest.fixture
def pyproject(rootdir: Path, tmp_path: Path) -> Path:
    """The sample books' metadata with a GitHub repository and two dependencies."""
    text = (rootdir / "pyproject.toml").read_text(encoding="utf-8")
    text = text.replace("https://example.org/samplebook", GITHUB)
    text = text.replace(
        'keywords = ["testing"]\n',
        'keywords = ["testing"]\ndependencies = ["numpy>=1.26,<3", "Torch>=2.2"]\n',
    )
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    # The book's npm packages beside it, as conftest.book_metadata does.
    (tmp_path / "node_modules").symlink_to(REPO / "node_modules")
    return path


@pytest.fixture
def constraints(tmp_path: Path) -> Path:
    path = tmp_path / "constraints.txt"
    path.write_text("# pins\nnumpy==2.3.5\npillow==12.0.0\ntorch==2.13.0\n")
    return path


# sphinx-book-theme 1.1 reads SphinxTransform.app, deprecated in Sphinx 9
# (RemovedInSphinx11Warning); only these tests build in that theme.
theme_warning = pytest.mark.filterwarnings(
    "ignore:'sphinx_book_theme._transforms.HandleFootnoteTransform.app' is deprecated"
)


def build(make_app, rootdir: Path, tmp_path: Path, pyproject: Path, links: bool):
    srcdir = tmp_path / f"book-{links}"
    shutil.copytree(rootdir / "test-web", srcdir)
    app = make_app(
        "html",
        srcdir=srcdir,
        confoverrides={
            "book_pyproject": str(pyproject),
            "html_theme": "sphinx_book_theme",
            "nnbook_launch_links": links,
        },
    )
    app.build()
    return app


def test_the_links_name_the_tag_of_the_books_version():
    urls = launch.launch_urls(GITHUB + ".git", "2.0.1", "part/ch1")
    assert urls == {
        "Colab": "https://colab.research.google.com/github/sample-org/samplebook"
        "/blob/notebooks-v2.0.1/part/ch1.ipynb",
        "Binder": "https://mybinder.org/v2/gh/sample-org/samplebook/notebooks-v2.0.1"
        "?urlpath=lab/tree/part/ch1.ipynb",
    }


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/samplebook",
        "https://github.com/sample-org",
        "git@github.com:sample-org/samplebook",
        "",
    ],
)
def test_a_repository_not_on_github_is_a_clear_error(url):
    with pytest.raises(
        ValueError,
        match=r"github_repository\(url=\.\.\.\): expected a GitHub repository's"
        r" address, https://github\.com/<owner>/<name>, got .*\[project\.urls\]"
        r"\.Source",
    ):
        launch.github_repository(url)


@theme_warning
def test_each_notebook_page_links_colab_and_binder(
    make_app, rootdir, tmp_path, pyproject, constraints
):
    app = build(make_app, rootdir, tmp_path, pyproject, links=True)
    site = Path(app.outdir)
    html = (site / "notebook.html").read_text(encoding="utf-8")
    for service, url in launch.launch_urls(GITHUB, "1.2.3", "notebook").items():
        assert re.search(
            rf'<a href="{re.escape(url)}"[^>]*btn-launch-{service.lower()}', html
        )
    assert "fa-rocket" in html  # the theme's dropdown, with its icon
    for other in ("index.html", "figure.html"):  # no notebook, no links
        assert launch.COLAB not in (site / other).read_text(encoding="utf-8")
    assert launch.check_site(site, pyproject) == []

    files = launch.write_launch_tree(site, tmp_path / "tree", pyproject, constraints)
    assert files == ["notebook.ipynb", "requirements.txt", "runtime.txt"]
    tree = tmp_path / "tree"
    assert (tree / "notebook.ipynb").read_bytes() == (
        site / "_sources" / "notebook.ipynb"
    ).read_bytes()  # the download, setup cell and all
    requirements = (tree / "requirements.txt").read_text().splitlines()
    assert requirements[-3:] == ["samplebook==1.2.3", "numpy==2.3.5", "torch==2.13.0"]


@theme_warning
def test_check_site_reports_a_chapter_without_its_links(
    make_app, rootdir, tmp_path, pyproject
):
    app = build(make_app, rootdir, tmp_path, pyproject, links=False)
    [problem] = launch.check_site(Path(app.outdir), pyproject)
    assert problem.startswith("notebook.html: launch links [], expected [")
    assert (
        launch.main(["--pyproject", str(pyproject), "check-site", str(app.outdir)]) == 1
    )


def test_a_dependency_without_a_pin_is_a_clear_error(pyproject, tmp_path):
    loose = tmp_path / "loose.txt"
    loose.write_text("numpy==2.3.5\n")
    with pytest.raises(ValueError, match=r"found none for torch; run `nox -s lock`"):
        launch.binder_requirements(pyproject, loose)


def test_a_site_without_notebooks_is_a_clear_error(tmp_path, pyproject, constraints):
    with pytest.raises(ValueError, match=r"write_launch_tree\(site=.*build the book"):
        launch.write_launch_tree(tmp_path, tmp_path / "tree", pyproject, constraints)


def test_the_release_publishes_the_tree_at_the_tag_the_links_open():
    workflow = yaml.safe_load((REPO / ".github/workflows/release.yml").read_text())
    jobs = workflow["jobs"]
    # The check job uploads the tree that `nox -s notebooks` writes ...
    uploads = [
        s["with"]
        for s in jobs["check"]["steps"]
        if "upload-artifact" in s.get("uses", "")
    ]
    [tree] = [u["path"] for u in uploads if u["name"] == "launch"]
    noxfile = (REPO / "noxfile.py").read_text(encoding="utf-8")
    assert tree.rstrip("/") == "docs/_build/reader/launch"
    assert (
        'session.run("nnbook-launch", "tree", str(HTML), str(reader / "launch"))'
        in noxfile
    )
    assert 'reader = BUILD / "reader"' in noxfile
    assert 'BUILD = DOCS / "_build"' in noxfile
    # ... the notebooks job pushes it as notebooks-$TAG, TAG = v<version>,
    # after PyPI has the version that the setup cells install.
    job = jobs["notebooks"]
    assert job["needs"] == "pypi"
    [download] = [s for s in job["steps"] if "download-artifact" in s.get("uses", "")]
    assert download["with"]["name"] == "launch"
    [push] = [s for s in job["steps"] if "git push" in s.get("run", "")]
    assert push["working-directory"] == download["with"]["path"].rstrip("/")
    assert '"refs/tags/notebooks-$TAG"' in push["run"]
    assert "v$version" in str(jobs["check"]["steps"])  # the tag is v<version>
    assert launch.launch_ref("0.1.0") == "notebooks-" + "v0.1.0"
