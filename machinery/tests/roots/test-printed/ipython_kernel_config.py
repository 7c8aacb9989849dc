# The kernels' configuration (sphinx_nnbook.execution copies it; none needed here).
