"""`docgen.web.settings`: the Generate page's limits and lifetimes, with one default each."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from docgen.web.settings import MEGABYTE, Settings


def test_worker_memory_in_bytes():
    assert Settings().worker_memory == 1024 * MEGABYTE
    assert Settings(worker_memory_mb=512).worker_memory == 512 * 1024 * 1024


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().workers = 8  # type: ignore[misc]


def test_every_setting_is_documented():
    source = inspect.getsource(Settings)
    for field in dataclasses.fields(Settings):
        after = source.split(f"    {field.name}:", 1)[1].split("\n", 2)[1]
        assert after.strip().startswith('"""'), field.name


def test_the_defaults_hold_together():
    settings = Settings()
    assert settings.results_per_client <= settings.max_results
    assert settings.max_queue_per_client * 2 == settings.max_queue  # half, as documented
    assert settings.purge_interval < settings.kept_upload_lifetime < settings.result_lifetime
    assert settings.preview_seconds <= settings.build_seconds
    assert settings.workers >= 1


def test_the_upload_and_worker_defaults_are_the_same_at_every_door():
    """The command line, `serve` and `create_app` each spell two defaults; they must agree."""
    from docgen.cli import serve as serve_command
    from docgen.web.app import create_app
    from docgen.web.server import serve

    settings = Settings()
    options = {param.name: param.default for param in serve_command.params}
    assert options["max_upload_mb"] == settings.max_upload_mb
    assert options["workers"] == settings.workers
    assert inspect.signature(serve).parameters["max_upload_mb"].default == settings.max_upload_mb
    assert inspect.signature(create_app).parameters["max_upload_mb"].default == (
        settings.max_upload_mb)
