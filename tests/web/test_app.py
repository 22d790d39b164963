"""The server builds from a private read-only copy of the standard template (issue 12)."""

from __future__ import annotations

import os
import stat

from docgen import api
from docgen.web.app import private_template


def test_the_standard_template_is_copied_read_only_to_a_private_folder(tmp_path):
    copy = private_template(tmp_path)
    assert copy.read_bytes() == api.default_template().read_bytes()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o400
    assert stat.S_IMODE(copy.parent.stat().st_mode) & 0o077 == 0
    assert copy != api.default_template() and not os.path.samefile(copy, api.default_template())
