"""The error of bad input: it names the file and fits on one line."""


class OutputsCheckError(Exception):
    """A chapter, notebook or snapshot that cannot be checked.

    Its message is one line that starts with the file concerned.
    """
