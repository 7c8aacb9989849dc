extensions = ["myst_nb", "sphinx_sitemap", "sphinx_nnbook"]
nb_execution_mode = "off"
sitemap_url_scheme = "{link}"
sitemap_excludes = ["search.html", "genindex.html"]
