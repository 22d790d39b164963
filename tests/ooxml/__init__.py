"""Tests of docgen.ooxml, the one reader of WordprocessingML."""
