from pathlib import Path

extensions = [
    "myst_nb",
    "sphinx_copybutton",
    "sphinxcontrib.bibtex",
    "sphinx_nnbook",
]
book_pyproject = str(Path(__file__).with_name("pyproject.toml"))
nb_execution_mode = "off"
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
suppress_warnings = ["bibtex.duplicate_citation"]
nitpicky = True
