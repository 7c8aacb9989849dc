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

# Figures: PNG at a fixed size and resolution, so two builds draw the same
# pixels; a white background keeps them readable in dark mode.
c.InlineBackend.figure_formats = {"png"}
c.InlineBackend.rc = {
    "figure.dpi": 96,
    "savefig.dpi": 96,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "font.size": 11,
}
