"""The clerk's agenda pack (`docgen pack`): an agenda workbook and its papers made into one
PDF with a front sheet, agenda, continuous page numbers and bookmarks, a Part B pack for
exempt items, and a manifest. One module per stage; `build.build_pack` runs them in order:

    agenda (read) → papers (check) → items (make PDFs) → front, assemble, stamp → manifest
"""
