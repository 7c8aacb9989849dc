extensions = ["myst_nb", "sphinx_design", "sphinx_nnbook"]
myst_enable_extensions = ["colon_fence"]
nb_execution_mode = "off"
nitpicky = True
