"""Nothing a user gave is overwritten: outputs never land on an input (with or without --force),
special files are written into and never replaced, errors writing are one line and leave
nothing behind, and a command's outputs are written all or nothing (issue 17, items 1, 3, 10, 14)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bitext_cli.main import cli
from tests.conftest import ROOT, SAMPLE

EN, TR = str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt")
ALIGN = ["align", EN, TR, "-s", "en", "-t", "tr"]


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, ["-q", *args], env=env)


def one_line_error(result, *words: str) -> str:
    """The one line of a failed command's error (exit status 1), holding every one of `words`."""
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def aligned(tmp_path: Path) -> Path:
    out = tmp_path / "aligned.xml"
    assert run(*ALIGN, "-o", str(out)).exit_code == 0
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.is_symlink()}


# -- item 1: no output on any input, whatever the flag ------------------------------------------

def test_align_review_onto_meta_dictionary_or_glossary_is_refused_even_with_force(tmp_path: Path) -> None:
    meta = tmp_path / "meta.json"
    shutil.copy(SAMPLE / "meta.json", meta)
    dictionary = tmp_path / "words.tsv"
    dictionary.write_text("bir\tone\n", encoding="utf-8")
    glossary = tmp_path / "g.tsv"
    shutil.copy(ROOT / "glossary" / "data" / "starter.tsv", glossary)
    before = snapshot(tmp_path)
    for victim, option in ((meta, "--meta"), (dictionary, "--dictionary"), (glossary, "--glossary")):
        result = run(*ALIGN, option, str(victim), "-o", str(tmp_path / "o.xml"), "--review", str(victim), "--force")
        one_line_error(result, str(victim), "input")
    assert snapshot(tmp_path) == before


def test_output_through_a_link_or_hard_link_to_an_input_is_refused(tmp_path: Path) -> None:
    meta = tmp_path / "meta.json"
    shutil.copy(SAMPLE / "meta.json", meta)
    (tmp_path / "link.json").symlink_to(meta)
    os.link(meta, tmp_path / "hard.json")
    for name in ("link.json", "hard.json"):
        result = run(*ALIGN, "--meta", str(meta), "-o", str(tmp_path / name), "--force")
        one_line_error(result, "input")
    assert meta.read_bytes() == (SAMPLE / "meta.json").read_bytes()


def test_a_dictd_dictionary_s_data_file_is_an_input(tmp_path: Path) -> None:
    index, data = tmp_path / "freedict-eng-tur.index", tmp_path / "freedict-eng-tur.dict"
    index.write_text("one\tA\tK\n", encoding="utf-8")
    data.write_text("one\nbir\n", encoding="utf-8")
    result = run(*ALIGN, "--dictionary", str(index), "-o", str(data), "--force")
    one_line_error(result, "input")
    assert data.read_text(encoding="utf-8") == "one\nbir\n"


@pytest.mark.parametrize("command", ["apply", "check"])
def test_glossary_output_onto_the_glossary_is_refused(tmp_path: Path, aligned: Path, command: str) -> None:
    glossary = tmp_path / "g.tsv"
    shutil.copy(ROOT / "glossary" / "data" / "starter.tsv", glossary)
    result = run("glossary", command, str(aligned), "--glossary", str(glossary), "-o", str(glossary), "--force")
    one_line_error(result, "input")
    assert glossary.read_bytes() == (ROOT / "glossary" / "data" / "starter.tsv").read_bytes()


def test_two_outputs_of_one_command_cannot_be_one_file(tmp_path: Path) -> None:
    out = tmp_path / "same.xml"
    result = run(*ALIGN, "-o", str(out), "--review", str(out), "--force")
    one_line_error(result, "two outputs")
    assert not out.exists()


# -- item 3: special files are written into, never replaced ------------------------------------

def test_output_link_to_stdout_writes_to_the_pipe_and_keeps_the_link(tmp_path: Path) -> None:
    link = tmp_path / "out"
    link.symlink_to("/proc/self/fd/1")
    if not Path("/proc/self/fd/1").exists():
        pytest.skip("no /proc/self/fd on this system")
    done = subprocess.run([sys.executable, "-c", "from bitext_cli.main import cli; cli()", "-q", *ALIGN, "--to",
                           "beads", "-o", str(link)],
                          capture_output=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"[0]:[0]\n")
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"


def test_a_fifo_is_written_into_and_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    try:
        result = run(*ALIGN, "--to", "beads", "-o", str(fifo))  # no --force: a pipe holds nothing to lose
        replaced = not stat.S_ISFIFO(fifo.lstat().st_mode)
        out = b"" if replaced else reader.communicate(timeout=60)[0]
    finally:
        reader.kill()
        reader.wait()
    assert not replaced
    assert result.exit_code == 0, result.output
    assert out.startswith(b"[0]:[0]\n")
    assert [p.name for p in tmp_path.iterdir()] == ["fifo"]


def test_a_character_device_is_written_into_and_never_replaced(tmp_path: Path) -> None:
    # a null device of the test's own: a regression must not replace the system's /dev/null
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        pytest.skip("cannot make a device node here (needs root or CAP_MKNOD)")
    result = run(*ALIGN, "--to", "beads", "-o", str(null), "--force")
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(null.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


# -- item 14: modes, dangling links, all-or-nothing pairs ---------------------------------------

def test_new_output_follows_the_umask_and_a_replaced_one_keeps_its_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        new = tmp_path / "new.beads"
        assert run(*ALIGN, "--to", "beads", "-o", str(new)).exit_code == 0
        assert stat.S_IMODE(new.stat().st_mode) == 0o640
        kept = tmp_path / "kept.beads"
        kept.write_text("old")
        kept.chmod(0o600)
        assert run(*ALIGN, "--to", "beads", "-o", str(kept), "--force").exit_code == 0
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600 and kept.read_text().startswith("[0]")
    finally:
        os.umask(old)


def test_outputs_are_synced_and_so_are_their_folders_after_the_rename(tmp_path: Path, monkeypatch) -> None:
    """A power cut after the command returns keeps the new files: their data is synced before
    the rename, and each folder holding a renamed file after it (the new name is the folder's)."""
    synced: list[tuple[str, bool]] = []  # (path, is a folder), in order
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        path = os.readlink(f"/proc/self/fd/{fd}")
        synced.append((path, stat.S_ISDIR(os.fstat(fd).st_mode)))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    (tmp_path / "sub").mkdir()
    out, review = tmp_path / "sub" / "out.tei.xml", tmp_path / "review.html"
    assert run(*ALIGN, "-o", str(out), "--review", str(review)).exit_code == 0
    folders = [path for path, is_dir in synced if is_dir]
    assert sorted(folders) == sorted([str(tmp_path), str(tmp_path / "sub")])
    files = [path for path, is_dir in synced if not is_dir]
    assert len(files) == 2 and all(".part" in Path(f).name for f in files)  # the data, before the renames
    assert synced.index((folders[0], True)) > max(synced.index((f, False)) for f in files)


def test_a_dangling_link_needs_force_and_is_written_through(tmp_path: Path) -> None:
    link = tmp_path / "out.beads"
    link.symlink_to("elsewhere.beads")
    refused = run(*ALIGN, "--to", "beads", "-o", str(link))
    one_line_error(refused, "--force")
    assert link.is_symlink() and not (tmp_path / "elsewhere.beads").exists()
    forced = run(*ALIGN, "--to", "beads", "-o", str(link), "--force")
    assert forced.exit_code == 0, forced.output
    assert link.is_symlink() and (tmp_path / "elsewhere.beads").read_text().startswith("[0]")


def test_a_link_to_an_existing_file_is_written_through(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    (store / "a.beads").write_text("old")
    (tmp_path / "a.beads").symlink_to(store / "a.beads")
    assert run(*ALIGN, "--to", "beads", "-o", str(tmp_path / "a.beads"), "--force").exit_code == 0
    assert (tmp_path / "a.beads").is_symlink() and (store / "a.beads").read_text().startswith("[0]")


def test_align_with_review_writes_both_or_neither(tmp_path: Path, monkeypatch) -> None:
    out, review = tmp_path / "out.xml", tmp_path / "review.html"
    out.write_text("old tei")

    def broken(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("bitext_cli.review_cmd.review_html", broken)  # the report fails after the TEI is made
    result = run(*ALIGN, "-o", str(out), "--review", str(review), "--force")
    one_line_error(result)
    assert out.read_text() == "old tei" and not review.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xml"]


def test_a_failed_second_rename_puts_the_first_file_back(tmp_path: Path, monkeypatch) -> None:
    from corpora.atomic import write_outputs

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("old a")
    real_replace = os.replace

    def replace(src, dst):
        if str(dst).endswith("b.txt"):
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(Exception, match="Input/output error"):
        write_outputs([(first, b"new a"), (second, b"new b")])
    monkeypatch.undo()
    assert first.read_text() == "old a" and not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


# -- item 10: one-line errors when an output cannot be written ----------------------------------

@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "No space left"), (errno.EROFS, "Read-only file system")])
def test_disk_full_or_read_only_is_one_line_and_leaves_nothing(tmp_path: Path, monkeypatch, code, words) -> None:
    def fails(fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fails)
    out = tmp_path / "out.xml"
    result = run(*ALIGN, "-o", str(out))
    one_line_error(result, str(out), words)
    assert list(tmp_path.iterdir()) == []


def test_read_only_folder_is_one_line(tmp_path: Path, monkeypatch) -> None:
    real_open = os.open

    def denied(path, flags, *args, **kwargs):
        if str(path).startswith(str(tmp_path)) and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    result = run(*ALIGN, "-o", str(tmp_path / "out.xml"))
    one_line_error(result, "out.xml", "Permission denied")


@pytest.mark.parametrize("target", ["dir", "."])
def test_output_a_directory_is_one_line(tmp_path: Path, monkeypatch, target: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dir").mkdir()
    for force in ([], ["--force"]):
        result = run(*ALIGN, "-o", target, *force)
        one_line_error(result, "directory")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir"]


def test_every_command_refuses_its_input_as_output(tmp_path: Path, aligned: Path) -> None:
    decisions = tmp_path / "d.json"
    decisions.write_text(json.dumps({"format": "bitext-review-decisions"}))
    copy = tmp_path / "copy.en.txt"
    shutil.copy(EN, copy)
    for args in (["review", str(aligned), "-o", str(aligned)],
                 ["apply-review", str(aligned), str(decisions), "-o", str(decisions)],
                 ["export", str(aligned), "--to", "tsv", "-o", str(aligned)],
                 ["glossary", "convert", str(ROOT / "glossary" / "data" / "starter.tsv"), "-o",
                  str(ROOT / "glossary" / "data" / "starter.tsv")],
                 ["extract-abstracts", str(copy), "-o", str(tmp_path / "copy")]):
        before = snapshot(tmp_path)
        one_line_error(run(*args, "--force"), "input")
        assert snapshot(tmp_path) == before
