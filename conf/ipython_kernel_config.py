"""IPython configuration for the kernels that execute the book's chapters.

The docs build copies this file into a profile under ``docs/_build`` and
points ``IPYTHONDIR`` at it (see ``sphinx_nnbook.execution``).
"""

c = get_config()  # noqa: F821 (provided by IPython when it loads this file)

# ipykernel 7 warns, in every kernel, that it talks to the build over TCP
# without encryption. The build and its kernels share one machine and
# loopback sockets, so the warning is noise in the build log.
c.IPKernelApp.log_level = "ERROR"

# A kernel that writes no history leaves nothing behind in the build folder.
c.HistoryManager.enabled = False

# Show figures inline even when MPLBACKEND names a non-interactive backend
# (the test suite sets Agg) and when a chapter displays a Figure object
# that was made without pyplot.
c.InteractiveShellApp.matplotlib = "inline"

# Figures: each one as SVG or as a PNG at twice its size, whichever is
# lighter, drawn deterministically (see sphinx_nnbook.figures). A white
# background keeps a figure drawn without the book's style readable in dark
# mode; the chapters draw in nnbook.plotting's style (BOOK_STYLE).
c.InteractiveShellApp.extensions = ["sphinx_nnbook.figures"]
c.InlineBackend.rc = {
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
}
