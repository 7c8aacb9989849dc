"""The built book, in a real browser: self-contained, light, accessible.

Every page: nothing requested from another host, no console error, no failed
request, every image loaded with real alt text, no horizontal scrolling on a
phone, no serious or critical axe-core violation in light and dark mode.
Every chapter also: math typeset, within the page-weight budget, searchable,
downloadable as an executed notebook, as MyST source and as a PDF when
``nox -s pdf`` built it (as the landing page offers the book's), its launch
menu linking the notebook in Colab and on Binder. The whole site: no
error from the Nu HTML Checker; every chapter: Lighthouse (mobile) scores
100 for accessibility, best practices and SEO, the categories that do not
depend on the machine's speed (performance is recorded by ``nox -s bench``).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest

import nnbook
import sphinx_nnbook.browser as sc
from sphinx_nnbook import lighthouse, vnu
from sphinx_nnbook.metadata import load_metadata
from sphinx_nnbook.project import book_root
from sphinx_nnbook.web.launch import launch_urls
from sphinx_nnbook.web.sitecheck import pages


def _assert_no(problems: list[str]) -> None:
    assert not problems, "\n".join(problems)


def test_page_loads_cleanly(page, recorder, base_url, page_path):
    sc.open_page(page, recorder, base_url + page_path)
    _assert_no(
        sc.check_no_external_requests(recorder)
        + sc.check_no_console_errors(recorder)
        + sc.check_no_failed_requests(recorder)
        + sc.check_images(page)
    )


def test_page_has_an_icon_and_unique_ids(page, recorder, base_url, page_path):
    sc.open_page(page, recorder, base_url + page_path)
    _assert_no(sc.check_favicon(page) + sc.check_unique_ids(page))


def test_one_search_box_on_a_desktop(page, recorder, base_url, chapter_path):
    sc.open_page(page, recorder, base_url + chapter_path)
    _assert_no(sc.check_one_search_box(page))


def test_cite_box_wraps_on_a_phone(page, recorder, base_url, chapter_path):
    page.set_viewport_size({"width": 390, "height": 844})
    sc.open_page(page, recorder, base_url + chapter_path)
    page.locator(".cite-this .admonition-title").first.click()
    page.locator(".cite-this pre").first.wait_for(state="visible")
    assert page.locator(".cite-this pre").count() == 2  # BibTeX and APA
    _assert_no(sc.check_no_overflow(page, ".cite-this pre"))


def test_captions_readable_in_dark_mode(page, recorder, base_url, chapter_path):
    sc.open_page(page, recorder, base_url + chapter_path)
    _assert_no(sc.set_theme(page, "dark"))
    assert page.locator("figcaption").count() > 0
    _assert_no(sc.check_contrast(page, "figcaption, figcaption *"))


def test_page_fits_a_phone(page, recorder, base_url, page_path):
    page.set_viewport_size(sc.PHONE)
    sc.open_page(page, recorder, base_url + page_path)
    _assert_no(sc.check_no_horizontal_scroll(page))


def test_page_is_accessible_in_light_and_dark_mode(page, recorder, base_url, page_path):
    sc.open_page(page, recorder, base_url + page_path)
    # A fresh profile follows the system's setting: light in headless Chromium.
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    problems = sc.check_axe(page, "light")
    problems += sc.set_theme(page, "dark")
    problems += sc.check_axe(page, "dark")
    _assert_no(problems)


def test_chapter_math_is_typeset(page, recorder, base_url, chapter_path):
    sc.open_page(page, recorder, base_url + chapter_path)
    _assert_no(sc.check_math_rendered(page))


def test_chapter_first_view_within_budget(page, recorder, base_url, chapter_path):
    sc.open_page(page, recorder, base_url + chapter_path)
    total, count, _ = sc.page_weight(recorder)
    print(f"{chapter_path}: {total / 1024:.0f} KiB in {count} requests")
    _assert_no(sc.check_page_weight(recorder))


def test_chapter_figures_load_with_alt_text(page, recorder, base_url, chapter_path):
    sc.open_page(page, recorder, base_url + chapter_path)
    figures = page.locator(".cell_output img")
    assert figures.count() > 0, "the chapter shows no figure"
    _assert_no(sc.check_images(page))


def test_dark_mode_switch(page, recorder, base_url, chapter_path):
    sc.open_page(page, recorder, base_url + chapter_path)
    _assert_no(sc.set_theme(page, "dark"))
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    _assert_no(sc.set_theme(page, "light"))
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != (
        background
    )


def test_search_finds_the_chapter(page, recorder, base_url):
    sc.open_page(page, recorder, base_url + "search.html?q=sigmoid")
    results = page.locator("#search-results li a")
    results.first.wait_for(timeout=10_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("chapters/neural-network-basics.html" in h for h in hrefs), hrefs
    _assert_no(sc.check_no_console_errors(recorder))


def test_chapter_downloads(page, recorder, base_url, chapter_path):
    url = base_url + chapter_path
    sc.open_page(page, recorder, url)
    # The theme's download menu offers the notebook and the source.
    page.locator(".dropdown-download-buttons > button").first.click()
    notebook_link = page.locator("a[href$='.ipynb']:visible").first
    source_link = page.locator("a[href$='.md']:visible").first
    assert notebook_link.count(), "no .ipynb entry in the download menu"
    assert source_link.count(), "no .md entry in the download menu"

    response = page.request.get(urljoin(url, notebook_link.get_attribute("href")))
    assert response.ok, response.status
    notebook = json.loads(response.body())
    assert notebook["nbformat"] == 4
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    executed = [cell for cell in code if cell.get("outputs")]
    assert executed, "the downloaded notebook has no outputs"
    assert any(
        {"image/png", "image/svg+xml"} & output.get("data", {}).keys()
        for cell in executed
        for output in cell["outputs"]
    ), "the downloaded notebook has no figure"
    # It runs outside the book: its first cell installs this very version of
    # nnbook, and no cell needs the book's machinery (see nox -s notebooks).
    version = nnbook.__version__
    assert code[0]["metadata"].get("tags") == ["nnbook-setup"], code[0]
    assert f"%pip install --quiet nnbook=={version}" in "".join(code[0]["source"])
    assert not [c for c in code if "sphinx_nnbook" in "".join(c["source"])]

    response = page.request.get(urljoin(url, source_link.get_attribute("href")))
    assert response.ok, response.status
    assert "```{code-cell}" in response.text()
    _assert_pdf_offered(page, url, f"{Path(chapter_path).stem}.pdf")


#: Where `nox -s pdf` writes the PDFs that the site links and copies.
PDFS = Path(__file__).resolve().parents[2] / "docs" / "_build" / "latex"


def _assert_pdf_offered(page, url: str, name: str) -> None:
    """The open download menu offers the PDF ``name`` if it was built, and
    it is that very file; else it offers none (no link to a missing file)."""
    links = page.locator(".dropdown-download-buttons a[href$='.pdf']:visible")
    built = PDFS / name
    assert links.count() == built.is_file(), f"{name} built: {built.is_file()}"
    if built.is_file():
        response = page.request.get(urljoin(url, links.first.get_attribute("href")))
        assert response.ok, response.status
        assert response.body() == built.read_bytes()


def test_landing_page_offers_the_books_pdf(page, recorder, base_url):
    sc.open_page(page, recorder, base_url + "index.html")
    book = "nnbook.pdf"
    paragraph = page.locator("p.nnbook-pdf a")
    assert paragraph.count() == (PDFS / book).is_file()
    page.locator(".dropdown-download-buttons > button").first.click()
    _assert_pdf_offered(page, base_url, book)


def test_chapter_launch_links(page, recorder, base_url, chapter_path):
    # The rocket menu opens the chapter's published notebook in Colab and on
    # Binder (sphinx_nnbook.web.launch). Offline, the links are not followed.
    sc.open_page(page, recorder, base_url + chapter_path)
    menu = page.locator(".dropdown-launch-buttons > button")
    assert menu.bounding_box()["width"] > 0, "no launch menu"
    icon = page.locator(".dropdown-launch-buttons .fa-rocket")
    assert icon.bounding_box()["width"] > 0, "the rocket icon is not drawn"
    menu.click()
    meta = load_metadata(book_root(Path.cwd()) / "pyproject.toml")
    docname = chapter_path.removesuffix(".html")
    expected = launch_urls(meta.repository, meta.version, docname)
    for service, url in expected.items():
        link = page.locator(f"a.btn-launch-{service.lower()}:visible")
        assert link.count() == 1, f"no visible {service} entry in the launch menu"
        assert link.get_attribute("href") == url
        assert link.get_attribute("target") == "_blank"
    _assert_no(sc.check_no_external_requests(recorder))


def test_sitemap_and_link_previews(page, recorder, base_url, chapter_path):
    response = page.request.get(base_url + "sitemap.xml")
    assert response.ok
    assert f"/{chapter_path}</loc>" in response.text()
    sc.open_page(page, recorder, base_url + chapter_path)
    og_url = page.locator("meta[property='og:url']").get_attribute("content")
    assert og_url.startswith("https://")
    assert og_url.endswith(chapter_path)
    assert page.locator("meta[property='og:description']").count() == 1


def test_site_is_valid_html(site):
    _assert_no(vnu.check_html(book_root(Path.cwd()), pages(site)))


@pytest.fixture(scope="session")
def gzip_url(site):
    with lighthouse.serve_gzip(site) as url:
        yield url


def test_chapter_lighthouse_scores(gzip_url, chapter_path):
    scores = lighthouse.lighthouse(
        book_root(Path.cwd()), gzip_url + chapter_path, chapter_path
    )
    print(scores)
    _assert_no(scores.missed(lighthouse.DETERMINISTIC))
