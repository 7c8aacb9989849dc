# katex_js_path: the book's pinned KaTeX, given by the tests (confoverrides).
extensions = ["myst_nb", "sphinxcontrib.katex", "sphinx_nnbook"]
nb_execution_mode = "off"
myst_enable_extensions = ["dollarmath"]
html_math_renderer = "katex"
katex_prerender = True
katex_css_path = "math.css"  # the book's own, in _static/: no CDN
html_static_path = ["_static"]
