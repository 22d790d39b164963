"""One house for reading (and naming) WordprocessingML.

Submodules: ``ns`` (namespace map and ``qn``), ``package`` (``is_docx``), ``parts`` (the part
walker and block iteration) and ``styles`` (the style resolver). Nothing is imported here so
that ``import docgen.ooxml.ns`` stays as light as possible.
"""
