"""`python -m docgen` and the `docgen` console script."""

from docgen.cli import cli

if __name__ == "__main__":
    cli()
