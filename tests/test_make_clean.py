"""`make clean` never deletes the shop's data (db.sqlite3, media/) without asking: on a terminal
it asks, without one it refuses unless FORCE=1; backups/ is never touched. Run on a copy of the
Makefile in a scratch folder, so nothing real is at stake."""

import os
import pty
import shutil
import subprocess

import pytest
from django.conf import settings


@pytest.fixture
def shop_folder(tmp_path):
    shutil.copy(settings.BASE_DIR / "Makefile", tmp_path / "Makefile")
    (tmp_path / "db.sqlite3").write_bytes(b"SQLite format 3\x00")
    for folder in ("media/original_images", "backups", "staticfiles"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "media/original_images/lamp.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "backups/winkelier-2026-05-01-013000Z-manifest.json").write_text("{}")
    return tmp_path


def left(folder) -> set[str]:
    return {path.name for path in folder.iterdir()}


def make_clean(folder, *args, stdin=subprocess.DEVNULL):
    return subprocess.run(  # noqa: S603 - make with fixed arguments
        ["make", "--no-print-directory", "clean", *args],  # noqa: S607
        cwd=folder,
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_without_a_terminal_it_refuses_and_deletes_nothing(shop_folder):
    result = make_clean(shop_folder)

    assert result.returncode != 0
    assert "not deleting the shop's data (db.sqlite3 media/)" in result.stdout
    assert "make clean FORCE=1" in result.stdout
    assert left(shop_folder) == {"Makefile", "db.sqlite3", "media", "backups", "staticfiles"}


def test_force_deletes_the_data_and_keeps_the_backups(shop_folder):
    result = make_clean(shop_folder, "FORCE=1")

    assert result.returncode == 0, result.stdout + result.stderr
    assert left(shop_folder) == {"Makefile", "backups"}
    assert (shop_folder / "backups/winkelier-2026-05-01-013000Z-manifest.json").exists()


@pytest.mark.parametrize(("answer", "deleted"), [("n", False), ("", False), ("y", True)])
def test_on_a_terminal_it_asks_first(shop_folder, answer, deleted):
    controller, terminal = pty.openpty()
    try:
        os.write(controller, f"{answer}\n".encode())
        result = make_clean(shop_folder, stdin=terminal)
    finally:
        os.close(terminal)
        os.close(controller)

    assert "Delete? [y/N]" in result.stderr  # read -p prompts on stderr
    assert ("db.sqlite3" not in left(shop_folder)) is deleted
    assert ("media" not in left(shop_folder)) is deleted
    assert "backups" in left(shop_folder)
    assert (result.returncode == 0) is deleted
