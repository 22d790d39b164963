"""docgen's version, in one place: the package, the build metadata and the reports' properties
read it from here."""

__version__ = "0.1.0"
