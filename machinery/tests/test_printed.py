"""The PDF's and the EPUB's checks and fixes, on made-up reports and files.

The modules under test are :mod:`sphinx_nnbook.printed.checks` (what the
book's ``tests/printed`` assert on the real PDF and EPUB) and the EPUB's
file fixes in :mod:`sphinx_nnbook.printed.epub`. Each check is shown
failing on a bad input, so that a regression in the book cannot pass.
"""

from pathlib import Path

import pytest

from sphinx_nnbook.printed import checks, epub

PDFFONTS = """\
name                           type        encoding   emb sub uni object ID
------------------------------ ----------- ---------- --- --- --- ---------
AZCOVX+FreeSansBold-Identity-H CID Type 0C Identity-H yes yes yes      4  0
KLBEGF+CMMI10                  Type 1C     Builtin    yes yes yes     60  0
"""


def test_every_font_embedded_passes():
    assert checks.unembedded_fonts(PDFFONTS) == []


def test_a_font_not_embedded_is_reported():
    bad = PDFFONTS + (
        "Helvetica                            Type 1            WinAnsi          "
        "no  no  no      12  0\n"
    )
    assert checks.unembedded_fonts(bad) == ["Helvetica"]


def test_a_clean_log_passes_and_small_overfull_lines_are_tolerated():
    log = (
        "Overfull \\hbox (4.99pt too wide) in paragraph at lines 10--12\n"
        "Overfull \\vbox (2.6pt too high) detected at line 2305\n"
    )
    assert checks.latex_log_problems(log) == []


def test_an_overfull_line_wider_than_5pt_is_reported():
    log = "Overfull \\hbox (12.3pt too wide) in paragraph at lines 10--12\n"
    assert checks.latex_log_problems(log) == [
        "Overfull \\hbox (12.3pt too wide) in paragraph at lines 10--12"
    ]


def test_a_page_whose_content_runs_past_its_bottom_is_reported():
    log = "Overfull \\vbox (48.2pt too high) has occurred while \\output is active []\n"
    assert checks.latex_log_problems(log) == [
        "Overfull \\vbox (48.2pt too high) has occurred while \\output is active"
    ]


def test_an_undefined_reference_split_by_the_logs_wrapping_is_reported():
    log = (
        "LaTeX Warning: Hyper reference `chapters/neural-network-basics:ex-leaky-r\n"
        "elu' on page 30 undefined on input line 2217.\n"
        "LaTeX Warning: There were undefined references.\n"
    )
    assert checks.latex_log_problems(log) == [
        "undefined: chapters/neural-network-basics:ex-leaky-relu"
    ]


def test_undefined_references_without_a_name_are_still_reported():
    log = "LaTeX Warning: There were undefined citations.\n" \
        "LaTeX Warning: There were undefined references.\n"  # fmt: skip
    assert checks.latex_log_problems(log) == ["undefined references (see the log)"]


def test_epubcheck_errors_and_warnings_are_reported():
    report = (
        "Validating using EPUB version 3.2 rules.\n"
        "ERROR(OPF-014): nnbook.epub/api.xhtml(-1,-1): The property 'mathml' "
        "should be declared in the OPF file.\n"
        "WARNING(RSC-017): nnbook.epub/x.xhtml(1,1): something\n"
        "Messages: 0 fatals / 1 error / 1 warning / 0 infos\n"
    )
    problems = checks.epubcheck_problems(report)
    assert len(problems) == 2
    assert problems[0].startswith("ERROR(OPF-014)")


def test_an_epubcheck_that_did_not_finish_is_reported():
    assert checks.epubcheck_problems("Exception in thread main") == [
        "no epubcheck summary ('Messages: ...') in its report"
    ]


def test_a_count_without_its_messages_is_still_reported():
    report = "Messages: 1 fatal / 0 errors / 0 warnings / 0 infos"
    assert checks.epubcheck_problems(report) == [
        "Messages: 1 fatal / 0 errors / 0 warnings"
    ]


def test_glued_texts_formats_as_the_page_does():
    glued = {
        "loss": {"data": {"text/plain": "0.693147"}},
        "name": {"data": {"text/plain": "'XOR'"}},
    }
    prose = "{glue:text}`loss:.2f` on {glue:text}`name` and {glue:text}`loss:.1e`"
    assert checks.glued_texts(prose, glued) == {"loss": "6.9e-01", "name": "XOR"}


def test_a_glued_name_the_build_lacks_is_a_clear_error():
    with pytest.raises(KeyError, match=r"glued_texts: .*'epochs'.*rebuild the book"):
        checks.glued_texts("{glue:text}`epochs`", {})


def test_epub_svg_drops_the_doctype_and_gives_every_path_a_d():
    svg = (
        b'<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n'
        b'  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        b'<svg><path id="p1" style="fill: none"/><path d="M 0 0 L 1 1"/></svg>'
    )
    fixed = epub.epub_svg(svg)
    assert b"DOCTYPE" not in fixed
    assert b'<path d="" id="p1" style="fill: none"/>' in fixed
    assert b'<path d="M 0 0 L 1 1"/>' in fixed


def test_only_pages_with_mathml_are_declared(tmp_path: Path):
    (tmp_path / "math.xhtml").write_text("<p><math><mi>z</mi></math></p>")
    (tmp_path / "plain.xhtml").write_text("<p>no math</p>")
    opf = (
        '<item id="epub-0" href="math.xhtml" media-type="application/xhtml+xml" />\n'
        '<item id="epub-1" href="plain.xhtml" media-type="application/xhtml+xml" />'
    )
    assert epub.declare_mathml(opf, tmp_path).splitlines() == [
        '<item id="epub-0" href="math.xhtml" media-type="application/xhtml+xml"'
        ' properties="mathml" />',
        '<item id="epub-1" href="plain.xhtml" media-type="application/xhtml+xml" />',
    ]


def test_the_ncx_gets_the_books_identifier_and_play_order_from_one():
    ncx = (
        '<meta name="dtb:uid" content="nnbook"/>'
        '<navPoint id="navPoint2" playOrder="2"><navPoint playOrder="5">'
    )
    fixed = epub.ncx_fixed(ncx, "https://example.org/book/")
    assert 'content="https://example.org/book/"' in fixed
    assert 'playOrder="1"' in fixed
    assert 'playOrder="2"><navPoint playOrder="2"' not in fixed
    assert fixed.count("playOrder=") == 2
