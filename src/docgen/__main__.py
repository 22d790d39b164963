"""`python -m docgen` and the `docgen` console script."""

from docgen.cli import main

if __name__ == "__main__":
    main()
