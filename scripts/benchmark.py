"""Measures anken-tui's start time, peak memory, card moves and stale-case query against its targets.

Run it with the project's Python: `python scripts/benchmark.py`. It prints
Markdown tables on stdout and its progress on stderr. Every database is generated
in a temporary folder, which is deleted at the end. Each measurement runs in a
fresh child process (this script with `--child`). Its HOME and XDG folders point
into the temporary folder, so no file of the user is read or written.
docs/benchmarks.md explains what each number means and its limits.
"""

import argparse
import asyncio
import gc
import importlib.util
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

SIZE = (120, 36)
DEFAULT_RUNS = 5
DEFAULT_MOVES = 50
STALE_QUERY_RUNS = 10
STALE_SCREEN_RUNS = 5
BOARD_COUNTS = (1_000, 10_000)
STALE_TOTAL = 100_000
USER_NAME = "山口"
"""A demo 営業 that make_bulk_cases adds, so the app opens the board without asking who is using it."""

# The stale-view database: 9 cases in 10 are completed, and of the open ones every
# case whose id is a multiple of STALE_EVERY waits long enough to be stale.
COMPLETED_EVERY = 10
STALE_EVERY = 330
STALE_AGE_DAYS = 60
FRESH_AGE_HOURS = 2
PAPERWORK_MISSING_EVERY = 500
ACTIVITIES_PER_CASE = 2
ROWS_PER_INSERT = 4_000

TARGET_START_RATIO = 1.5
TARGET_MEMORY_RATIO = 2.0
TARGET_MOVE_MS = 50.0
TARGET_STALE_MS = 300.0

CHILD_TIMEOUT_SECONDS = 120
PAINT_TIMEOUT_SECONDS = 10

# This script keeps about one CPU busy, so a higher load means other programs competed with it.
BUSY_LOAD_PER_CPU = 0.75
BUSY_NOTE = "Other programs were busy during the run, so these numbers are slower and noisier than on a quiet machine."


def monotonic() -> float:
    """Return CLOCK_MONOTONIC in seconds: one clock for the whole machine, so parent and child agree."""
    return time.clock_gettime(time.CLOCK_MONOTONIC)


def peak_rss_mib() -> float:
    """Return this process's peak resident memory (ru_maxrss, which Linux gives in KiB) in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- Children: each one measures a single thing and writes a JSON result file. ---


class PaintWatcher:
    """Timestamps the first frame the app draws after a condition holds.

    Textual calls App.post_display_hook after each frame of the current screen,
    including in headless mode, where the frame is composed and rendered but not
    encoded for and written to a terminal. Only this app instance gets the new
    hook, so the app's code stays unchanged.
    """

    def __init__(self, app) -> None:
        self._condition: Callable[[], bool] | None = None
        self._on_paint: Callable[[float], None] | None = None
        app.post_display_hook = self._after_display

    def expect(self, condition: Callable[[], bool], on_paint: Callable[[float], None]) -> None:
        """Call `on_paint(time)` at the first frame drawn while `condition()` is true."""
        self._condition = condition
        self._on_paint = on_paint

    def arm(self, condition: Callable[[], bool]) -> asyncio.Future:
        """Return a future that gets the time of the first frame drawn while `condition()` is true."""
        painted = asyncio.get_running_loop().create_future()
        self.expect(condition, painted.set_result)
        return painted

    def _after_display(self) -> None:
        now = monotonic()
        if self._condition is None or not self._condition():
            return
        on_paint = self._on_paint
        self._condition = None
        self._on_paint = None
        on_paint(now)


def write_result(path: str, result: dict) -> None:
    with open(path, "w", encoding="utf-8") as result_file:
        json.dump(result, result_file)


def child_bare(options: argparse.Namespace) -> None:
    """Start a Textual app with one Label and report when its first full frame is drawn."""
    started = monotonic()
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class BareApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("anken-tui benchmark")

    imported = monotonic()
    app = BareApp()
    watcher = PaintWatcher(app)
    created = monotonic()

    def label_shown() -> bool:
        labels = app.screen.query(Label)
        return bool(labels) and labels.first().size.width > 0

    watcher.expect(label_shown, partial(finish_start, app, options.result, started, imported, created))
    app.run(headless=True, size=SIZE)
    sys.exit(app.return_code or 0)


def finish_start(app, result_path: str, started: float, imported: float, created: float, painted: float) -> None:
    """Write the timestamps of a start and the peak memory at its first frame, then stop the app."""
    phases = {"main": started, "imported": imported, "created": created, "ready": painted}
    write_result(result_path, {"phases": phases, "rss_mib": peak_rss_mib()})
    app.exit()


def board_is_complete(app) -> bool:
    """Tell whether every column of the board contains all its cards, not only those of the first screen."""
    from anken_tui.widgets.stage_column import StageColumn

    return board_is_ready(app) and all(column.is_complete for column in app.screen.query(StageColumn))


def board_is_ready(app) -> bool:
    """Tell whether the board screen is current, its columns are laid out with cards and one has focus."""
    from anken_tui.screens.board import BoardScreen
    from anken_tui.widgets.stage_column import StageColumn

    if not isinstance(app.screen, BoardScreen):
        return False
    columns = list(app.screen.query(StageColumn))
    if not columns or any(column.size.height == 0 for column in columns):
        return False
    return isinstance(app.focused, StageColumn) and any(column.cards for column in columns)


def start_anken_app(db_path: str):
    """Build the app as `anken-tui --db PATH --user NAME` does, with its log file, and return it."""
    from anken_tui import paths
    from anken_tui.cli import create_app, parse_arguments
    from anken_tui.logs import start_logging

    start_logging(paths.log_path())
    return create_app(parse_arguments(["--db", db_path, "--user", USER_NAME]))


def stop_anken_app() -> None:
    from anken_tui.db.database import close_database
    from anken_tui.logs import stop_logging

    close_database()
    stop_logging()


def child_board(options: argparse.Namespace) -> None:
    """Start the real app on a board database; report its first frame, and the frame with every card.

    The first frame shows the first cards of each column and every column's counts,
    and keys work from then on. The rest of a long column is loaded right after
    it. The peak memory is taken once every card is loaded.
    """
    started = monotonic()
    import anken_tui.app  # noqa: F401 (imported first, so that importing is a phase of its own)
    import anken_tui.cli  # noqa: F401

    imported = monotonic()
    app = start_anken_app(options.db)
    watcher = PaintWatcher(app)
    created = monotonic()

    phases = {"main": started, "imported": imported, "created": created}

    def first_frame(painted: float) -> None:
        # The first frame shows the first cards of each column; the rest of a long column follows it.
        phases["ready"] = painted
        watcher.expect(partial(board_is_complete, app), all_cards)

    def all_cards(painted: float) -> None:
        phases["complete"] = painted
        write_result(options.result, {"phases": phases, "rss_mib": peak_rss_mib()})
        app.exit()

    watcher.expect(partial(board_is_ready, app), first_frame)
    try:
        app.run(headless=True, size=SIZE)
    finally:
        stop_anken_app()
    sys.exit(app.return_code or 0)


def child_moves(options: argparse.Namespace) -> None:
    """Move the first card of the board forward and back with > and <, timing each key to its frame."""
    from anken_tui.db.models import Case, StageChange
    from anken_tui.domain.moves import next_stage

    app = start_anken_app(options.db)
    watcher = PaintWatcher(app)
    result: dict = {}

    async def drive(pilot) -> None:
        # Only the moves are timed here, so polling for the board is precise enough.
        while not board_is_ready(app):
            await pilot.pause()
        await pilot.pause()
        card = app.focused.highlighted_card
        forward_stage = next_stage(card.line, card.sales_kind, card.stage)
        changes_before = StageChange.select().where(StageChange.case == card.id).count()

        result.update(await time_moves(pilot, watcher, card, forward_stage, options.moves))
        result.update(
            stage_changes=StageChange.select().where(StageChange.case == card.id).count() - changes_before,
            start_stage=card.stage,
            forward_stage=forward_stage,
            final_stage=Case.get_by_id(card.id).stage,
        )
        app.exit()

    try:
        app.run(headless=True, size=SIZE, auto_pilot=drive)
    finally:
        stop_anken_app()
    if not result:
        sys.exit("the move benchmark stopped before it finished")
    write_result(options.result, result)


async def time_moves(pilot, watcher: PaintWatcher, card, forward_stage: str, moves: int) -> dict:
    """Press > and < in turn `moves` times and return the timings, the full collections and the memory."""
    rss_before = peak_rss_mib()
    full_collections = FullCollections()
    painted_ms, round_trip_ms, cpu_ms, collected_ms = [], [], [], []
    for number in range(moves):
        key, stage = (">", forward_stage) if number % 2 == 0 else ("<", card.stage)
        painted = watcher.arm(partial(card_is_drawn_in, pilot.app, card.id, stage))
        cpu_started = time.process_time()
        pressed = monotonic()
        await pilot.press(key)
        await pilot.pause()

        round_trip_ms.append((monotonic() - pressed) * 1000)
        cpu_ms.append((time.process_time() - cpu_started) * 1000)
        drawn_at = await asyncio.wait_for(painted, PAINT_TIMEOUT_SECONDS)
        painted_ms.append((drawn_at - pressed) * 1000)
        collected_ms.append(full_collections.milliseconds_between(pressed, drawn_at))
    full_collections.stop()

    return {
        "painted_ms": painted_ms,
        "round_trip_ms": round_trip_ms,
        "cpu_ms": cpu_ms,
        "collected_ms": collected_ms,
        "rss_before_mib": rss_before,
        "rss_mib": peak_rss_mib(),
    }


def card_is_drawn_in(app, case_id: int, stage: str) -> bool:
    """Tell whether the column of `stage` on the current screen contains the card of `case_id`."""
    from anken_tui.widgets.stage_column import StageColumn

    columns = [column for column in app.screen.query(StageColumn) if column.stage == stage]
    return bool(columns) and any(card.id == case_id for card in columns[0].cards)


class FullCollections:
    """Records when the garbage collector ran a full (generation 2) collection and for how long."""

    def __init__(self) -> None:
        self._started = 0.0
        self.spans: list[tuple[float, float]] = []
        gc.callbacks.append(self._on_collection)

    def stop(self) -> None:
        gc.callbacks.remove(self._on_collection)

    def milliseconds_between(self, start: float, end: float) -> float:
        """Return the time spent in full collections that began between `start` and `end`."""
        return sum(finished - began for began, finished in self.spans if start <= began < end) * 1000

    def _on_collection(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = monotonic()
        else:
            self.spans.append((self._started, monotonic()))


def child_stale(options: argparse.Namespace) -> None:
    """Time list_stale_cases on the stale-view database, then opening the stale screen where it exists."""
    from anken_tui.clock import Clock
    from anken_tui.db.database import close_database
    from anken_tui.db.setup import open_database
    from anken_tui.services.stale import list_stale_cases
    from anken_tui.settings import Settings

    open_database(Path(options.db))
    settings = Settings()
    clock = Clock()
    timings_ms = []
    found: list = []
    for _ in range(STALE_QUERY_RUNS + 1):
        started = time.perf_counter()
        found = list_stale_cases(clock, settings.calendar, settings.thresholds)
        timings_ms.append((time.perf_counter() - started) * 1000)
    close_database()

    result = {"first_ms": timings_ms[0], "timings_ms": timings_ms[1:], "found_ids": sorted(case.id for case in found)}
    if importlib.util.find_spec("anken_tui.screens.stale") is not None:
        result["screen_ms"] = time_stale_screen(options, len(found))
    write_result(options.result, result)


def time_stale_screen(options: argparse.Namespace, expected_rows: int) -> list[float]:
    """Open the stale screen from the board several times, timing each key press to the frame that shows its list.

    The key is the one the board binds to the app's open_stale_view action. The
    screen's module is not imported beforehand, so the first opening includes
    that import, as it does for the user.
    """
    app = start_anken_app(options.db)
    watcher = PaintWatcher(app)
    timings_ms: list[float] = []

    def list_shown() -> bool:
        if type(app.screen).__name__ != "StaleScreen":
            return False
        table = app.screen.stale_table
        return table.row_count == expected_rows and table.size.height > 0

    async def drive(pilot) -> None:
        for _ in range(STALE_SCREEN_RUNS):
            while not board_is_ready(app):
                await pilot.pause()
            await pilot.pause()
            key = stale_view_key(app.screen)
            painted = watcher.arm(list_shown)
            pressed = monotonic()
            await pilot.press(key)
            timings_ms.append((await asyncio.wait_for(painted, PAINT_TIMEOUT_SECONDS) - pressed) * 1000)
            await pilot.press("escape")
        app.exit()

    try:
        app.run(headless=True, size=SIZE, auto_pilot=drive)
    finally:
        stop_anken_app()
    if len(timings_ms) != STALE_SCREEN_RUNS:
        sys.exit("the stale screen benchmark stopped before it finished")
    return timings_ms


def stale_view_key(screen) -> str:
    """Return the key that opens the stale view on `screen`.

    Raises:
        LookupError: no binding of the screen opens it.
    """
    for key, active in screen.active_bindings.items():
        if active.binding.action.endswith("open_stale_view"):
            return key
    raise LookupError("the board has no key bound to open_stale_view")


def child_build(options: argparse.Namespace) -> None:
    """Create a database file with `--count` open cases and their notes and activities.

    With --stale-mix, the cases are reshaped for the stale view.
    """
    from anken_tui.clock import Clock
    from anken_tui.db.database import close_database
    from anken_tui.db.setup import open_database
    from anken_tui.demo.bulk import make_bulk_cases

    clock = Clock()
    open_database(Path(options.db))
    case_ids = make_bulk_cases(options.count, clock)
    add_history(case_ids, clock.now())
    planted: list[int] = []
    if options.stale_mix:
        planted = reshape_for_stale_view(case_ids, clock)
    close_database()
    write_result(options.result, {"stale_ids": planted})


def reshape_for_stale_view(case_ids: list[int], clock) -> list[int]:
    """Complete 9 cases in 10, make the open ones fresh, then age a few hundred past every threshold.

    Completed rentals get their payment recorded (口座振替 with its カイポケ
    registration date), except one in PAPERWORK_MISSING_EVERY, so the office
    follow-ups (事務残) on the stale screen number tens, not tens of thousands.
    Returns the ids of the aged cases.
    """
    from datetime import timedelta

    from peewee import Expression, fn

    from anken_tui.clock import to_storage
    from anken_tui.db.models import Case
    from anken_tui.db.transactions import write_transaction
    from anken_tui.domain.lines import COMPLETED, Line
    from anken_tui.domain.outcomes import Outcome
    from anken_tui.services.follow_ups import KAIPOKE_DEBIT

    now = clock.now()
    remainder = Expression(Case.id, "%", COMPLETED_EVERY)
    is_stale = Expression(Case.id, "%", STALE_EVERY) == 0
    paperwork_done = Expression(Case.id, "%", PAPERWORK_MISSING_EVERY) != 1
    # Spread the completions over about three years, one day apart by id.
    completed_at = fn.datetime(Case.stage_entered_at, fn.printf("-%d days", Expression(Case.id, "%", 1000)))

    with write_transaction():
        Case.update(stage=COMPLETED, outcome=Outcome.WON.value, stage_entered_at=completed_at).where(
            remainder != 0
        ).execute()
        Case.update(payment_method=KAIPOKE_DEBIT, kaipoke_registered_on=fn.date(Case.stage_entered_at)).where(
            (Case.stage == COMPLETED) & (Case.line == Line.RENTAL.value) & paperwork_done
        ).execute()
        fresh = to_storage(now - timedelta(hours=FRESH_AGE_HOURS))
        Case.update(stage_entered_at=fresh).where((remainder == 0) & ~is_stale).execute()
        Case.update(stage_entered_at=to_storage(now - timedelta(days=STALE_AGE_DAYS))).where(is_stale).execute()

    return [case_id for case_id in case_ids if case_id % STALE_EVERY == 0]


def add_history(case_ids: list[int], now) -> None:
    """Give every case one note and ACTIVITIES_PER_CASE activities, the latest with a follow-up date (次回予定).

    The board looks up each case's latest activity and the stale view the
    latest note or activity, so these tables must not be empty.
    """
    from datetime import timedelta

    from anken_tui.clock import to_storage
    from anken_tui.db.models import Activity, Note, Staff
    from anken_tui.db.transactions import write_transaction
    from anken_tui.domain.activities import ActivityKind

    staff = Staff.get(Staff.name == USER_NAME).id
    written = now - timedelta(days=STALE_AGE_DAYS + 10)
    notes = [
        {"case": case_id, "written_on": written.date(), "author": staff, "text": "ベンチマーク用のメモ",
         "created_at": to_storage(written)}
        for case_id in case_ids
    ]
    activities = []
    for case_id in case_ids:
        for number in range(ACTIVITIES_PER_CASE):
            done = now - timedelta(days=STALE_AGE_DAYS + ACTIVITIES_PER_CASE - number)
            latest = number == ACTIVITIES_PER_CASE - 1
            activities.append(
                {"case": case_id, "kind": ActivityKind.CALL.value, "done_on": done.date(), "staff": staff,
                 "text": "ベンチマーク用の活動", "follow_up_on": (now + timedelta(days=case_id % 14)).date() if latest else None,
                 "created_at": to_storage(done), "created_by": staff}
            )

    with write_transaction():
        insert_in_batches(Note, notes)
        insert_in_batches(Activity, activities)


def insert_in_batches(model, rows: list[dict]) -> None:
    # SQLite accepts 32,766 bound values per statement, and a row here has at most eight.
    for start in range(0, len(rows), ROWS_PER_INSERT):
        model.insert_many(rows[start : start + ROWS_PER_INSERT]).execute()


CHILDREN = {
    "bare": child_bare,
    "board": child_board,
    "moves": child_moves,
    "stale": child_stale,
    "build": child_build,
}


# --- Parent: builds the databases, runs the children and prints the results. ---


class Runner:
    """Runs this script as child processes with a private environment inside `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.environment = private_environment(folder)
        self._count = 0

    def run(self, kind: str, *arguments: str) -> tuple[dict, float]:
        """Run child `kind` and return its result with the monotonic time just before it was spawned.

        Raises:
            RuntimeError: the child failed or wrote no result.
            subprocess.TimeoutExpired: the child ran longer than CHILD_TIMEOUT_SECONDS and was killed.
        """
        self._count += 1
        result_path = self.folder / f"result-{self._count}.json"
        error_path = self.folder / f"stderr-{self._count}.txt"
        command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--result", str(result_path)]

        with open(error_path, "w", encoding="utf-8") as error_file:
            spawned = monotonic()
            process = subprocess.Popen(
                [*command, *arguments],
                cwd=self.folder,
                env=self.environment,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=error_file,
            )
            try:
                process.wait(timeout=CHILD_TIMEOUT_SECONDS)
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait()

        if process.returncode != 0 or not result_path.exists():
            detail = error_path.read_text(encoding="utf-8")[-3000:]
            raise RuntimeError(f"child {kind!r} failed with exit status {process.returncode}:\n{detail}")
        with open(result_path, encoding="utf-8") as result_file:
            return json.load(result_file), spawned


def private_environment(folder: Path) -> dict[str, str]:
    """Return os.environ with HOME, the XDG folders and Python's bytecode cache inside `folder`.

    Textual and anken-tui overrides are dropped. PYTHONDONTWRITEBYTECODE is
    dropped too, because an installed app starts from cached bytecode: the
    warm-up round fills the cache in `folder`, and the work tree gets no
    __pycache__ folders.
    """
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("XDG_", "TEXTUAL")) and name not in ("ANKEN_TUI_DB", "PYTHONDONTWRITEBYTECODE")
    }
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "PYTHONPYCACHEPREFIX"):
        path = folder / name.lower()
        path.mkdir(mode=0o700, exist_ok=True)
        environment[name] = str(path)
    return environment


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_databases(runner: Runner) -> dict[int, Path]:
    databases = {}
    for count in BOARD_COUNTS:
        progress(f"building a database of {count:,} open cases")
        path = runner.folder / f"board-{count}.db"
        runner.run("build", "--db", str(path), "--count", str(count))
        databases[count] = path
    return databases


def measure_starts(runner: Runner, databases: dict[int, Path], runs: int) -> dict[str, list[dict]]:
    """Start the bare app and each board `runs` times, interleaved, after one round that is not recorded."""
    children = {"bare": ("bare",)} | {
        f"board-{count}": ("board", "--db", str(path)) for count, path in databases.items()
    }
    samples: dict[str, list[dict]] = {name: [] for name in children}
    for round_number in range(runs + 1):
        warm_up = round_number == 0
        progress(f"start round {round_number}/{runs}" + (" (warm-up, not recorded)" if warm_up else ""))
        for name, (kind, *arguments) in children.items():
            result, spawned = runner.run(kind, *arguments)
            if not warm_up:
                samples[name].append(start_sample(result, spawned))
    return samples


def start_sample(result: dict, spawned: float) -> dict:
    """Turn a child's timestamps into the start time and its phases, in milliseconds."""
    phases = result["phases"]
    return {
        "start_ms": (phases["ready"] - spawned) * 1000,
        "python_ms": (phases["main"] - spawned) * 1000,
        "import_ms": (phases["imported"] - phases["main"]) * 1000,
        "create_ms": (phases["created"] - phases["imported"]) * 1000,
        "run_ms": (phases["ready"] - phases["created"]) * 1000,
        # The board's first frame shows the first cards of each column, and the rest follow.
        "complete_ms": (phases.get("complete", phases["ready"]) - spawned) * 1000,
        "rss_mib": result["rss_mib"],
    }


def measure_moves(runner: Runner, database: Path, moves: int) -> dict:
    """Run the move child on a copy of `database`, and reject a run in which the moves did not happen.

    Raises:
        RuntimeError: the database does not have one stage change per key press, or the case ended in the wrong stage.
    """
    copy = runner.folder / "moves.db"
    shutil.copyfile(database, copy)
    progress(f"timing {moves} card moves")
    result, _ = runner.run("moves", "--db", str(copy), "--moves", str(moves))
    copy.unlink()

    if result["stage_changes"] != moves:
        raise RuntimeError(f"{moves} moves were pressed but {result['stage_changes']} stage changes were saved")
    expected_final = result["start_stage"] if moves % 2 == 0 else result["forward_stage"]
    if result["final_stage"] != expected_final:
        raise RuntimeError(f"the case ended in {result['final_stage']}, expected {expected_final}")
    return result


def measure_stale(runner: Runner) -> dict:
    """Build the stale-view database and time the stale view on it.

    Raises:
        RuntimeError: the stale query did not find exactly the cases that were aged past their thresholds.
    """
    path = runner.folder / "stale.db"
    progress(f"building a database of {STALE_TOTAL:,} cases for the stale view")
    built, _ = runner.run("build", "--db", str(path), "--count", str(STALE_TOTAL), "--stale-mix")
    progress("timing the stale-case query and the stale screen")
    result, _ = runner.run("stale", "--db", str(path))
    if result["found_ids"] != sorted(built["stale_ids"]):
        raise RuntimeError(
            f"the stale query found {len(result['found_ids'])} cases, expected the {len(built['stale_ids'])} aged ones"
        )
    result["planted"] = len(built["stale_ids"])
    return result


def median_of(samples: list[dict], key: str) -> float:
    return statistics.median(sample[key] for sample in samples)


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def report(starts: dict[str, list[dict]], moves: dict, stale: dict, runs: int) -> str:
    """Return the Markdown tables of the results, with each target and its verdict."""
    lines = [
        "| Measurement | Median | Spread | Peak memory | Target | Result |",
        "|---|---:|---:|---:|---|---|",
        *start_rows(starts),
        move_row(moves),
        *stale_rows(stale),
        "",
        phase_table(starts, runs),
        "",
        move_details(moves),
    ]
    return "\n".join(lines)


def start_rows(starts: dict[str, list[dict]]) -> list[str]:
    """Return the bare app's row and one row per board, judged against the bare app's medians."""
    bare_start = median_of(starts["bare"], "start_ms")
    bare_rss = median_of(starts["bare"], "rss_mib")
    rows = [
        f"| Bare Textual app (one Label): start to first frame | {bare_start:.0f} ms "
        f"| {spread(starts['bare'], 'start_ms')} | {bare_rss:.1f} MiB | baseline | — |"
    ]
    for count in BOARD_COUNTS:
        samples = starts[f"board-{count}"]
        start = median_of(samples, "start_ms")
        rss = median_of(samples, "rss_mib")
        start_limit = TARGET_START_RATIO * bare_start
        rss_limit = TARGET_MEMORY_RATIO * bare_rss
        rows.append(
            f"| Board, {count:,} open cases: start to interactive | {start:.0f} ms | {spread(samples, 'start_ms')} "
            f"| {rss:.1f} MiB | start ≤ {TARGET_START_RATIO}× bare ({start_limit:.0f} ms), "
            f"memory ≤ {TARGET_MEMORY_RATIO:.0f}× bare ({rss_limit:.0f} MiB) "
            f"| start {verdict(start <= start_limit)} ({start / bare_start:.2f}×), "
            f"memory {verdict(rss <= rss_limit)} ({rss / bare_rss:.2f}×) |"
        )
        complete = median_of(samples, "complete_ms")
        rows.append(
            f"| Board, {count:,} open cases: start until every card is in its column | {complete:.0f} ms "
            f"| {spread(samples, 'complete_ms')} | (above) | no target; {complete / bare_start:.2f}× bare | — |"
        )
    return rows


def move_row(moves: dict) -> str:
    painted = moves["painted_ms"]
    middle, slow = statistics.median(painted), p90(painted)
    return (
        f"| Card move at {BOARD_COUNTS[-1]:,} cases: key to frame ({len(painted)} moves) "
        f"| {middle:.1f} ms | p90 {slow:.1f} ms, max {max(painted):.1f} ms "
        f"| — | ≤ {TARGET_MOVE_MS:.0f} ms "
        f"| median {verdict(middle <= TARGET_MOVE_MS)}, p90 {verdict(slow <= TARGET_MOVE_MS)} |"
    )


def stale_rows(stale: dict) -> list[str]:
    """Return the stale query's row and, where the stale screen exists, the row of opening it."""
    timings = stale["timings_ms"]
    query = statistics.median(timings)
    rows = [
        f"| Stale-case query over {STALE_TOTAL:,} cases ({stale['planted']} stale; {len(timings)} runs) "
        f"| {query:.1f} ms | first run {stale['first_ms']:.1f} ms, max {max(timings):.1f} ms "
        f"| — | ≤ {TARGET_STALE_MS:.0f} ms | median {verdict(query <= TARGET_STALE_MS)}, "
        f"first run {verdict(stale['first_ms'] <= TARGET_STALE_MS)} |"
    ]
    if "screen_ms" in stale:
        screen = stale["screen_ms"]
        opened = statistics.median(screen)
        rows.append(
            f"| Stale screen over {STALE_TOTAL:,} cases: key to list shown ({len(screen)} openings) "
            f"| {opened:.0f} ms | first {screen[0]:.0f} ms, max {max(screen):.0f} ms "
            f"| — | ≤ {TARGET_STALE_MS:.0f} ms "
            f"| median {verdict(opened <= TARGET_STALE_MS)}, max {verdict(max(screen) <= TARGET_STALE_MS)} |"
        )
    return rows


def spread(samples: list[dict], key: str) -> str:
    values = [sample[key] for sample in samples]
    return f"{min(values):.0f}–{max(values):.0f} ms"


def phase_table(starts: dict[str, list[dict]], runs: int) -> str:
    """Return the medians of the start phases of each app, which show where its start time goes."""
    lines = [
        f"Start phases, median of {runs} starts per app (ms):",
        "",
        "| App | Python start | Imports | Open database, build app | Textual run to interactive | Total |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind, samples in starts.items():
        cells = [f"{median_of(samples, key):.0f}" for key in ("python_ms", "import_ms", "create_ms", "run_ms", "start_ms")]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def move_details(moves: dict) -> str:
    """Return what the key-to-frame time leaves out: the work after that frame and the memory kept."""
    trips = moves["round_trip_ms"]
    cpu = moves["cpu_ms"]
    count = len(trips)
    growth = moves["rss_mib"] - moves["rss_before_mib"]
    return "\n".join(
        [
            f"After each move ({count} moves):",
            "",
            f"- Key press until the app is idle again (`await pilot.press(key)` then `await pilot.pause()`): "
            f"median {statistics.median(trips):.0f} ms, p90 {p90(trips):.0f} ms. Textual detects idleness "
            f"in steps of 20 ms, so this is an upper bound.",
            f"- CPU time of the process over the same span: median {statistics.median(cpu):.0f} ms, "
            f"p90 {p90(cpu):.0f} ms per move.",
            f"- Peak memory before the moves {moves['rss_before_mib']:.1f} MiB, after them "
            f"{moves['rss_mib']:.1f} MiB: {growth / count:.2f} MiB more per move.",
            "- " + collection_summary(moves),
        ]
    )


def collection_summary(moves: dict) -> str:
    """Say how many moves had a full garbage collection before their frame, and whether those were the slow ones."""
    collected = moves["collected_ms"]
    pauses = [pause for pause in collected if pause > 0]
    slow = [index for index, painted in enumerate(moves["painted_ms"]) if painted > TARGET_MOVE_MS]
    slow_collected = [index for index in slow if collected[index] > 0]

    text = f"{len(pauses)} of the {len(collected)} moves had a full garbage collection (generation 2) between the key and the frame"
    if pauses:
        text += f", taking {min(pauses):.0f} to {max(pauses):.0f} ms"
    if not slow:
        return text + f". No move took over {TARGET_MOVE_MS:.0f} ms."
    return text + f". {len(slow_collected)} of the {len(slow)} moves over {TARGET_MOVE_MS:.0f} ms were among them."


def run_all(runs: int, moves: int) -> str:
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="anken-benchmark-") as folder:
        runner = Runner(Path(folder))
        databases = build_databases(runner)
        starts = measure_starts(runner, databases, runs)
        move_result = measure_moves(runner, databases[BOARD_COUNTS[-1]], moves)
        stale = measure_stale(runner)
    machine = machine_description(load_before, os.getloadavg()[0])
    return machine + "\n\n" + report(starts, move_result, stale, runs)


def machine_description(load_before: float, load_after: float) -> str:
    """Return the date, the machine and the software versions of this run, and the load around it."""
    import platform
    import sqlite3
    from datetime import datetime, timezone
    from importlib.metadata import version

    cpus = len(os.sched_getaffinity(0))
    busy = max(load_before, load_after) > BUSY_LOAD_PER_CPU * cpus
    memory_kib = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines()
        if line.startswith("MemTotal:")
    )
    cpu_model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
         if line.startswith("model name")),
        platform.processor() or "unknown",
    )
    return "\n".join(
        [
            f"- Date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
            f"- Machine: {cpus} CPUs ({cpu_model}), {memory_kib / 1024 / 1024:.1f} GiB memory, "
            f"{platform.system()} {platform.release()}",
            f"- Software: Python {platform.python_version()}, Textual {version('textual')}, "
            f"peewee {version('peewee')}, SQLite {sqlite3.sqlite_version}",
            f"- Load average (1 minute) before the run {load_before:.2f}, after it {load_after:.2f}."
            + (f" {BUSY_NOTE}" if busy else ""),
        ]
    )


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="process starts per app (default: %(default)s)")
    parser.add_argument("--moves", type=int, default=DEFAULT_MOVES, help="card moves to time (default: %(default)s)")
    internal = parser.add_argument_group("internal options of the child processes")
    internal.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    internal.add_argument("--result", help=argparse.SUPPRESS)
    internal.add_argument("--db", help=argparse.SUPPRESS)
    internal.add_argument("--count", type=int, help=argparse.SUPPRESS)
    internal.add_argument("--stale-mix", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.runs < 1 or options.moves < 2:
        parser.error("--runs must be at least 1 and --moves at least 2")
    return options


def main(argv: list[str] | None = None) -> int:
    options = parse_arguments(argv)
    if options.child is not None:
        CHILDREN[options.child](options)
        return 0
    print(run_all(options.runs, options.moves))
    return 0


if __name__ == "__main__":
    sys.exit(main())
