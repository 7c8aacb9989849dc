extensions = ["myst_nb", "sphinx_nnbook"]
nb_execution_mode = "off"
nitpicky = True
