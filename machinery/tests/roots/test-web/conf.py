extensions = ["myst_nb", "sphinx_nnbook"]
nb_execution_mode = "off"  # the notebook page keeps the outputs it has
html_static_path = ["_static"]
html_css_files = ["extra.css"]
html_js_files = ["extra.js", "https://cdn.example.org/tracker.js"]
