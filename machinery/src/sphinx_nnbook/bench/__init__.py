"""``nox -s bench``: how fast the book builds and how fast its code runs."""
