"""The log handler writes error types, codes, ids and frames, never a value: not from an
exception's message or arguments (pydantic ``input_value``, SQL parameters, f-strings), not
from a cached traceback, not from a stack dump; and its files are owner-only, rotated ones
too (issue 10, item 3)."""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pydantic
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

from inburg_desktop import logging_setup
from inburg_desktop.logging_setup import setup_logging

CANARY = "Kanarie-Zwaluwstaart-4711"


@contextlib.contextmanager
def app_logging_of_its_own() -> Iterator[None]:
    """The root logger without any app handler another test's in-process ``main()`` left
    behind (``setup_logging`` adds one only once per process); restored afterwards."""
    root = logging.getLogger()
    level = root.level
    hooks = (sys.excepthook, threading.excepthook)
    earlier = [h for h in root.handlers if getattr(h, "_inburg", False)]
    for handler in earlier:
        root.removeHandler(handler)
    try:
        yield
    finally:
        for handler in [h for h in root.handlers if getattr(h, "_inburg", False)]:
            root.removeHandler(handler)
            with contextlib.suppress(OSError):
                handler.close()
        for handler in earlier:
            root.addHandler(handler)
        root.setLevel(level)
        sys.excepthook, threading.excepthook = hooks


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The app's handler on the root logger, writing under tmp_path; removed afterwards."""
    monkeypatch.setenv("INBURG_LOG_DIR", str(tmp_path / "logs"))
    with app_logging_of_its_own():
        path = setup_logging(logging.INFO)
        assert path is not None
        yield path


def written(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return "\n".join(p.read_text("utf-8") for p in sorted(path.parent.glob(path.name + "*")))


def _leaky(name: str) -> None:
    raise ValueError(f"kan dossier van {name} niet opslaan")


def test_exception_message_and_args_never_reach_the_file(log_file: Path) -> None:
    log = logging.getLogger("inburg_desktop.test")
    try:
        _leaky(CANARY)
    except ValueError as exc:
        log.exception("import failed")
        log.error("failed: %s", exc)
        log.error("failed: %r", exc)
        log.error("failed: %(error)s", {"error": exc})
        log.error(exc)
    text_ = written(log_file)
    assert CANARY not in text_
    assert "import failed" in text_
    assert "ValueError" in text_
    # Where it happened stays: file:line:function of every frame.
    assert "test_logging_setup.py:" in text_ and ":_leaky" in text_


def test_pydantic_input_value_is_not_logged(log_file: Path) -> None:
    class Person(pydantic.BaseModel):
        v_nummer: int

    try:
        Person(v_nummer=CANARY)  # type: ignore[arg-type]  # the wrong type, on purpose
    except pydantic.ValidationError:
        logging.getLogger("inburg_desktop.test").exception("validation failed")
    text_ = written(log_file)
    assert CANARY not in text_
    assert "pydantic_core._pydantic_core.ValidationError" in text_


def test_sql_parameters_are_not_logged(log_file: Path) -> None:
    engine = create_engine("sqlite://")  # without hide_parameters, as a library might
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (a INTEGER NOT NULL)"))
            conn.execute(text("INSERT INTO t VALUES (:a), (:b)"), {"a": CANARY})
    except SQLAlchemyError:
        logging.getLogger("inburg_desktop.test").exception("write failed")
    text_ = written(log_file)
    assert CANARY not in text_
    assert "sqlalchemy.exc." in text_


def test_a_cause_chain_keeps_types_and_drops_messages(log_file: Path) -> None:
    try:
        try:
            _leaky(CANARY)
        except ValueError as inner:
            raise RuntimeError(f"during import of {CANARY}") from inner
    except RuntimeError:
        logging.getLogger("inburg_desktop.test").exception("nested failure")
    text_ = written(log_file)
    assert CANARY not in text_
    assert text_.index("ValueError") < text_.index("RuntimeError")
    assert "which led to:" in text_


def test_a_traceback_cached_by_another_handler_is_not_reused(log_file: Path) -> None:
    # A plain formatter elsewhere renders (and caches on the record) the full traceback.
    other = logging.StreamHandler(open(os.devnull, "w"))  # noqa: SIM115
    other.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger()
    root.handlers.insert(0, other)
    try:
        try:
            _leaky(CANARY)
        except ValueError:
            logging.getLogger("inburg_desktop.test").exception("cached")
    finally:
        root.removeHandler(other)
        other.stream.close()
    assert CANARY not in written(log_file)


def test_stack_info_keeps_frames_not_source_lines(log_file: Path) -> None:
    # The source line of the call is quoted by a plain formatter, comments included.
    logging.getLogger("x").warning("here", stack_info=True)  # Kanarie-Zwaluwstaart-4711
    text_ = written(log_file)
    assert CANARY not in text_
    assert "test_stack_info_keeps_frames_not_source_lines" in text_


def test_exception_groups_list_their_members_by_type(log_file: Path) -> None:
    try:
        raise ExceptionGroup(CANARY, [KeyError(CANARY), OSError(28, CANARY)])
    except ExceptionGroup:
        logging.getLogger("inburg_desktop.test").exception("group")
    text_ = written(log_file)
    assert CANARY not in text_
    assert "KeyError" in text_ and "OSError" in text_


def test_uncaught_exceptions_are_logged_safely_with_one_line_on_stderr(
    log_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        _leaky(CANARY)
    except ValueError as exc:
        logging_setup._excepthook(type(exc), exc, exc.__traceback__)
    err = capsys.readouterr().err
    assert CANARY not in err and err.count("\n") == 1 and "ValueError" in err
    assert CANARY not in written(log_file)
    assert "uncaught ValueError" in written(log_file)


def test_uncaught_exceptions_in_threads_are_logged_safely(
    log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pytest has its own hook in place; the app installs this one when nothing else has.
    monkeypatch.setattr(threading, "excepthook", logging_setup._thread_excepthook)
    thread = threading.Thread(target=_leaky, args=(CANARY,))
    thread.start()
    thread.join()
    text_ = written(log_file)
    assert CANARY not in text_
    assert "uncaught ValueError" in text_


def test_hooks_are_installed_only_over_the_interpreter_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    monkeypatch.setattr(threading, "excepthook", threading.__excepthook__)
    logging_setup.install_excepthooks()
    assert sys.excepthook is logging_setup._excepthook
    assert threading.excepthook is logging_setup._thread_excepthook
    mine = logging_setup._excepthook
    monkeypatch.setattr(sys, "excepthook", lambda *a: None)
    logging_setup.install_excepthooks()
    assert sys.excepthook is not mine


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_log_files_are_owner_only_rotated_ones_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "logs"
    directory.mkdir(mode=0o755)
    directory.chmod(0o755)
    old = directory / "inburg.log.1"
    old.write_text("an old rotated file\n")
    old.chmod(0o644)
    monkeypatch.setenv("INBURG_LOG_DIR", str(directory))
    monkeypatch.setattr(logging_setup, "MAX_BYTES", 2_000)
    previous = os.umask(0o022)
    try:
        with app_logging_of_its_own():
            path = setup_logging(logging.INFO)
            assert path is not None
            log = logging.getLogger("inburg_desktop.test")
            for n in range(200):  # several rollovers
                log.info("line %d of a long enough message to fill the file quickly", n)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    files = sorted(directory.iterdir())
    assert [p.name for p in files] == ["inburg.log", "inburg.log.1", "inburg.log.2", "inburg.log.3"]
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name


def test_a_log_line_that_cannot_be_written_says_so_without_its_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """The log dir on a full disk (a real tmpfs): Python's default would print the
    record's message and arguments to stderr."""
    from .storage.media import fill, tmpfs

    with tmpfs(tmp_path / "logs", 256) as where:
        monkeypatch.setenv("INBURG_LOG_DIR", str(where))
        with app_logging_of_its_own():
            assert setup_logging(logging.INFO) is not None
            fill(where)
            logging.getLogger("inburg_desktop.test").error("case %s failed", CANARY)
    err = capfd.readouterr().err
    assert CANARY not in err
    assert "kan niet naar het logbestand schrijven (OSError)" in err
