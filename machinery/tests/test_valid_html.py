"""Valid HTML: the markup fixes of ``web.valid``, and the Nu HTML Checker.

The fixes are shown on the markup Sphinx's viewcode, sphinx-design and
Pygments really write; the checker (``sphinx_nnbook.vnu``, the book's
pinned ``vnu-jar`` run by the system's Java) is shown failing on a page
with each of those errors and passing on the fixed page.
"""

from pathlib import Path

import pytest

from sphinx_nnbook import vnu
from sphinx_nnbook.web import valid

REPO = Path(__file__).resolve().parents[2]

VIEWCODE = (
    '<div class="highlight"><pre><span></span><span class="kn">import</span> x\n'
    '<div class="viewcode-block" id="f">\n'
    '<a class="viewcode-back" href="../api.html#f">[docs]</a>'
    '<span class="k">def</span> <span class="nf">f</span>():\n'
    '    <span class="k">pass</span>\n</div>\n</pre></div>'
)
TABS = (
    '<div class="sd-tab-set docutils">\n'
    '<input checked="checked" id="sd-tab-item-0" name="sd-tab-set-0" type="radio">\n'
    '<label aria-controls="sd-tab-item-0-content" class="sd-tab-label" '
    'for="sd-tab-item-0">\nNumPy</label>'
    '<div class="sd-tab-content docutils" id="sd-tab-item-0-content">\n'
    "<p>one</p></div>\n"
    '<input id="sd-tab-item-1" name="sd-tab-set-0" type="radio">\n'
    '<label aria-controls="sd-tab-item-1-content" class="sd-tab-label" '
    'for="sd-tab-item-1">\nPyTorch</label>'
    '<div class="sd-tab-content docutils" id="sd-tab-item-1-content">\n'
    "<p>two</p></div>\n</div>"
)
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A page</title></head>
<body><main>{}</main></body></html>
"""
PYGMENTS_CSS = """\
html[data-theme="light"] .highlight pre { line-height: 125%; }
html[data-theme="light"] .highlight { background: #fefefe; color: #080808 }
html[data-theme="light"] .highlight .k { color: #8045e5 } /* Keyword */
html[data-theme="light"] .highlight .n { color: #080808 } /* Name */
html[data-theme="light"] .highlight .p { color: #080808 } /* Punctuation */
html[data-theme="light"] .highlight .o { color: #080808; font-weight: bold }
html[data-theme="dark"] .highlight { background: #2b2b2b; color: #F8F8F2 }
html[data-theme="dark"] .highlight .k { color: #dcc6e0 } /* Keyword */
html[data-theme="dark"] .highlight .n { color: #F8F8F2 } /* Name */
html[data-theme="dark"] .highlight .p { color: #ABE338 } /* Punctuation */
html[data-theme="dark"] .highlight .o { color: #F8F8F2; font-weight: bold }
"""


def test_viewcode_blocks_become_spans_only_inside_pre():
    body = '<div class="outer">' + VIEWCODE + "</div>"
    fixed = valid.viewcode_blocks_as_spans(body)
    assert '<span class="viewcode-block" id="f">' in fixed
    assert "<div" not in fixed.split("<pre>")[1].split("</pre>")[0]
    assert "</div>" not in fixed.split("<pre>")[1].split("</pre>")[0]
    # Outside the <pre> nothing changes.
    assert fixed.startswith('<div class="outer"><div class="highlight"><pre>')
    assert fixed.endswith("</pre></div></div>")


def test_tab_aria_controls_move_from_labels_to_their_inputs():
    fixed = valid.tab_controls_on_inputs(TABS)
    assert "<label aria-controls" not in fixed
    for n in (0, 1):
        assert f'aria-controls="sd-tab-item-{n}-content" id="sd-tab-item-{n}"' in (
            fixed
        )
    assert fixed.count("aria-controls") == 2


def test_plain_token_classes_are_those_drawn_as_the_text_in_every_theme():
    # .p differs in the dark theme, .o is bold, .k has its own colour.
    assert valid.plain_token_classes(PYGMENTS_CSS) == {"n"}
    assert valid.plain_token_classes("") == frozenset()


def test_unwrap_plain_tokens_keeps_the_text_and_only_touches_pre():
    html = (
        '<p><span class="n">prose</span></p>'
        '<pre><span class="n">np</span><span class="p">.</span>'
        '<span class="n">exp</span><span class="k">if</span></pre>'
    )
    lighter = valid.unwrap_plain_tokens(html, frozenset({"n", "p"}))
    assert lighter == (
        '<p><span class="n">prose</span></p><pre>np.exp<span class="k">if</span></pre>'
    )
    assert valid.unwrap_plain_tokens(html, frozenset()) == html


@pytest.fixture(scope="module")
def checker() -> Path:
    """The book's root, where ``npm ci`` put ``vnu-jar``."""
    vnu.vnu_command(REPO)  # raises, saying what to install, when missing
    return REPO


def test_vnu_reports_the_third_party_errors_and_passes_the_fixed_page(
    checker, tmp_path
):
    bad = tmp_path / "bad.html"
    bad.write_text(PAGE.format(VIEWCODE + TABS), encoding="utf-8")
    good = tmp_path / "good.html"
    good.write_text(PAGE.format(valid.fix_markup(VIEWCODE + TABS)), encoding="utf-8")
    problems = vnu.check_html(checker, [bad, good])
    assert problems, "vnu found no error on the bad page"
    assert all("bad.html" in problem for problem in problems), problems
    text = "\n".join(problems)
    assert "not allowed as child of element “pre”" in text
    assert "aria-controls" in text


def test_vnu_check_needs_files(checker):
    with pytest.raises(ValueError, match="check_html: expected at least one"):
        vnu.check_html(checker, [])


def test_vnu_command_says_npm_ci_when_the_jar_is_missing(tmp_path):
    with pytest.raises(FileNotFoundError, match="npm ci"):
        vnu.vnu_command(tmp_path)
