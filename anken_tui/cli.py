"""Provides the anken-tui command: Japanese options and errors, opening the database, starting the app.

`main` runs the app or one of the commands (paths, backup, restore, migrate).
`create_app` does everything before `App.run()`: it chooses and opens the
database, fills the demo and resolves the user. Tests call it to build the
same app without a terminal.
"""

import argparse
import logging
import os
import re
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len

from anken_tui import __version__, paths, texts
from anken_tui.clock import Clock
from anken_tui.db.database import close_database
from anken_tui.db.setup import open_database
from anken_tui.db.url import parse_postgres_url, scrub
from anken_tui.db_choice import ChosenDatabase, choose_database
from anken_tui.domain.lines import Line
from anken_tui.errors import AnkenError, DatabaseBusyError
from anken_tui.holiday_cache import load_holiday_cache
from anken_tui.logs import silence_logging, start_logging, stop_logging
from anken_tui.paths import DatabaseLocationError
from anken_tui.services.changes import prune_change_log
from anken_tui.settings import load_settings

if TYPE_CHECKING:
    from anken_tui.app import AnkenApp

log = logging.getLogger(__name__)

PROG = "anken-tui"
PATHS_COMMAND = "paths"
BACKUP_COMMAND = "backup"
RESTORE_COMMAND = "restore"
MIGRATE_COMMAND = "migrate"
COMMANDS = (PATHS_COMMAND, BACKUP_COMMAND, RESTORE_COMMAND, MIGRATE_COMMAND)
# The commands that take a file: `backup PATH` and `restore PATH`.
FILE_COMMANDS = (BACKUP_COMMAND, RESTORE_COMMAND)
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

# The long options of build_parser, offered when an unknown option looks like one of them.
LONG_OPTIONS = ("--help", "--version", "--db", "--demo", "--reset", "--user", "--line", "--from-sqlite", "--force")

# The user of the demo when neither --user nor the settings file names one: a demo 営業.
DEMO_USER = "山口"

# Characters that Japanese typesetting keeps off the start of a line (行頭禁則).
_NO_LINE_START = set("、。,.)」』】!?ー")
# An ASCII word, a run of spaces, or any one other character.
_WRAP_TOKEN = re.compile(r"[\x21-\x7e]+| +|.")


class UsageError(Exception):
    """An invalid command line. `message` is Japanese and contains the fix. Exit status 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def wrap_cells(text: str, width: int) -> list[str]:
    """Wrap `text` into lines of at most `width` terminal cells, keeping its leading indent.

    Japanese has no spaces between words, so a line may break between any two
    Japanese characters, but never inside an ASCII word or before 、 and 。:
    such a mark takes the character before it to the next line (追い出し).
    A single word wider than `width` stays whole on its own line.
    """
    body = text.lstrip(" ")
    indent = text[: len(text) - len(body)]
    lines: list[str] = []
    current: list[str] = []

    for token in _WRAP_TOKEN.findall(body):
        line = indent + "".join(current)
        if cell_len(line) + cell_len(token) <= width or not "".join(current).strip():
            current.append(token)
            continue
        carried = [current.pop()] if token in _NO_LINE_START and len(current) > 1 else []
        lines.append((indent + "".join(current)).rstrip())
        current = [*carried, token if carried else token.lstrip(" ")]

    lines.append((indent + "".join(current)).rstrip())
    return lines


class _HelpFormatter(argparse.HelpFormatter):
    """Writes help in Japanese: a Japanese usage prefix and wrapping by cell width."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, texts.CLI_USAGE_PREFIX if prefix is None else prefix)

    def _format_usage(self, usage, actions, groups, prefix):
        # argparse measures the prefix with len(), but 使い方 takes two cells per character:
        # wrap for the narrower room and indent the continued lines by the cells.
        extra_cells = cell_len(prefix or "") - len(prefix or "")
        self._width -= extra_cells
        try:
            text = super()._format_usage(usage, actions, groups, prefix)
        finally:
            self._width += extra_cells
        first, *rest = text.split("\n")
        return "\n".join([first, *(" " * extra_cells + line if line.strip() else line for line in rest)])

    def _split_lines(self, text, width):
        return wrap_cells(" ".join(text.split()), width)

    def _fill_text(self, text, width, indent):
        # Keep the line breaks of the description and the examples; wrap each line.
        lines = []
        for paragraph in text.splitlines():
            lines.extend(indent + line for line in wrap_cells(paragraph, width - len(indent)))
        return "\n".join(lines)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that raises UsageError instead of printing English and exiting."""

    def error(self, message):
        raise UsageError(texts.CLI_USAGE_GENERIC.format(detail=message) + texts.CLI_SEE_HELP)


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of the anken-tui command line, with Japanese help."""
    parser = _Parser(
        prog=PROG,
        description=texts.CLI_DESCRIPTION,
        epilog=_examples(),
        formatter_class=_HelpFormatter,
        add_help=False,
        allow_abbrev=False,
        exit_on_error=False,
    )

    commands = parser.add_argument_group(texts.CLI_GROUP_COMMANDS)
    commands.add_argument("command", nargs="?", metavar="COMMAND", help=texts.CLI_HELP_COMMAND)
    commands.add_argument("file", nargs="?", metavar="PATH", help=texts.CLI_HELP_FILE)

    options = parser.add_argument_group(texts.CLI_GROUP_OPTIONS)
    options.add_argument("-h", "--help", action="help", help=texts.CLI_HELP_HELP)
    options.add_argument("--version", action="version", version=f"{PROG} {__version__}", help=texts.CLI_HELP_VERSION)
    options.add_argument("--db", metavar="PATH", help=_help_text(texts.CLI_HELP_DB, default=paths.default_database_path()))
    options.add_argument("--demo", action="store_true", help=_help_text(texts.CLI_HELP_DEMO, demo=paths.demo_database_path()))
    options.add_argument("--reset", action="store_true", help=texts.CLI_HELP_RESET)
    options.add_argument("--user", metavar="NAME", help=_help_text(texts.CLI_HELP_USER, settings=paths.settings_path()))
    options.add_argument("--line", metavar="LINE", help=texts.CLI_HELP_LINE)
    options.add_argument("--from-sqlite", metavar="FILE", help=texts.CLI_HELP_FROM_SQLITE)
    options.add_argument("--force", action="store_true", help=texts.CLI_HELP_FORCE)
    return parser


def _examples() -> str:
    sections = ((texts.CLI_COMMANDS_TITLE, texts.CLI_COMMAND_LIST), (texts.CLI_EXAMPLES_TITLE, texts.CLI_EXAMPLES))
    width = max(cell_len(command) for _, rows in sections for command, _ in rows) + 2
    lines = []
    for title, rows in sections:
        lines.append(title)
        for command, purpose in rows:
            lines.append(f"  {command}{' ' * (width - cell_len(command))}{purpose}")
        lines.append("")
    return "\n".join(lines).rstrip()


def _help_text(template: str, **values: Path) -> str:
    # argparse expands %-placeholders in help, so a % in a folder name must be doubled.
    return template.format(**values).replace("%", "%%")


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse `argv` (default: sys.argv[1:]) and check the options against each other.

    Sets `start_line` to a Line. --help and --version print and raise SystemExit(0).

    Raises:
        UsageError: an unknown option or command, a missing value, or options that do not go together.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args, extras = parser.parse_known_args(argv)
    except argparse.ArgumentError as error:
        raise UsageError(_explain_argument_error(error, argv)) from error

    if extras:
        raise UsageError(_explain_extras(extras))
    _check_arguments(args)
    return args


def _explain_argument_error(error: argparse.ArgumentError, argv: list[str]) -> str:
    option = error.argument_name or ""
    if option not in texts.CLI_VALUE_WHAT:
        # Every other option is a flag, and argparse fails on a flag only when it is given a value.
        return texts.CLI_FLAG_TAKES_NO_VALUE.format(option=option)

    message = texts.CLI_MISSING_VALUE.format(
        option=option, what=texts.CLI_VALUE_WHAT[option], example=texts.CLI_VALUE_EXAMPLE[option]
    )
    position = argv.index(option) if option in argv else -1
    if 0 <= position < len(argv) - 1 and argv[position + 1].startswith("-"):
        message += texts.CLI_DASH_VALUE_HINT.format(option=option)
    return message


def _explain_extras(extras: list[str]) -> str:
    unknown_options = [extra for extra in extras if extra.startswith("-")]
    if not unknown_options:
        return texts.CLI_EXTRA_ARGUMENTS.format(values=" ".join(extras))

    option = unknown_options[0].partition("=")[0]
    message = texts.CLI_UNKNOWN_OPTION.format(option=option)
    candidates = get_close_matches(option, LONG_OPTIONS, n=1, cutoff=0.6)
    if candidates:
        message += texts.CLI_DID_YOU_MEAN.format(candidate=candidates[0])
    return message + texts.CLI_SEE_HELP


def _check_arguments(args: argparse.Namespace) -> None:
    _check_command(args)
    if args.reset and not args.demo:
        raise UsageError(texts.CLI_RESET_NEEDS_DEMO)
    if args.demo and args.db is not None:
        raise UsageError(texts.CLI_DEMO_WITH_DB)

    if args.user is not None:
        args.user = args.user.strip()
        if not args.user or any(unicodedata.category(character) == "Cc" for character in args.user):
            raise UsageError(texts.CLI_USER_INVALID)

    args.start_line = Line.RENTAL
    if args.line is not None:
        try:
            args.start_line = Line(args.line.strip().lower())
        except ValueError:
            raise UsageError(texts.CLI_BAD_LINE.format(value=args.line)) from None


def _check_command(args: argparse.Namespace) -> None:
    if args.command is not None and args.command not in COMMANDS:
        raise UsageError(texts.CLI_UNKNOWN_COMMAND.format(command=args.command))
    if args.command in FILE_COMMANDS and not args.file:
        raise UsageError(texts.CLI_COMMAND_NEEDS_FILE.format(command=args.command))
    if args.command not in FILE_COMMANDS and args.file is not None:
        raise UsageError(texts.CLI_EXTRA_ARGUMENTS.format(values=args.file))
    if args.command == MIGRATE_COMMAND and not args.from_sqlite:
        raise UsageError(texts.CLI_MIGRATE_NEEDS_SOURCE)
    if args.command != MIGRATE_COMMAND and args.from_sqlite is not None:
        raise UsageError(texts.CLI_FROM_SQLITE_ONLY_MIGRATE)
    if args.command != RESTORE_COMMAND and args.force:
        raise UsageError(texts.CLI_FORCE_ONLY_RESTORE)
    if args.command in (BACKUP_COMMAND, RESTORE_COMMAND, MIGRATE_COMMAND) and args.demo:
        raise UsageError(texts.CLI_DEMO_WITH_COMMAND.format(command=args.command))


def open_chosen_database(args: argparse.Namespace, clock: Clock, environ: Mapping[str, str]) -> ChosenDatabase:
    """Open the database that the options and the environment choose, migrated and bound to the models.

    With --demo, the demo database is filled when it is empty, and --reset
    deletes it first. The real database is never touched by --demo.

    Raises:
        DatabaseLocationError: the path is not usable or the file cannot be opened.
        DatabaseUnavailableError: the PostgreSQL server cannot be reached.
    """
    choice = choose_database(args.db, args.demo, environ)
    if args.demo and args.reset:
        close_database()
        paths.delete_database_files(choice.path)
        log.info("deleted the demo database for --reset")

    if not choice.is_postgres:
        paths.prepare_database_file(choice.path)
    _open(choice)
    log.info("opened the %s database", choice.source)

    if args.demo:
        # Imported only here, with the commands below, so an everyday start skips them.
        from anken_tui import demo

        if demo.is_empty():
            demo.fill_demo(clock)
    return choice


def _open(choice: ChosenDatabase) -> None:
    try:
        open_database(choice.target)
    except AnkenError:
        raise
    except Exception as error:
        # Peewee, sqlite3 and psycopg2 errors; only anken_tui.db may name Peewee's classes.
        log.exception("could not open the database")
        close_database()
        detail = scrub(str(error), parse_postgres_url(choice.url)) if choice.is_postgres else error
        raise DatabaseLocationError(texts.CLI_DB_OPEN_FAILED.format(path=choice.shown, detail=detail)) from error


def resolve_user(args: argparse.Namespace, settings_file: Path) -> str | None:
    """Return the current user (入力者): --user, else `user` in the settings file, else None.

    With --demo and no name from either, the demo's own 営業 is used, so trying
    the demo never writes the settings file. Problems in the settings file are
    logged by key and line; the app shows them to the user.
    """
    settings, problems = load_settings(settings_file)
    for problem in problems:
        log.warning("settings file %s has a problem at key %s, line %s", problem.path, problem.key, problem.line)

    if args.user:
        return args.user
    if settings.user:
        return settings.user
    return DEMO_USER if args.demo else None


def create_app(
    args: argparse.Namespace, *, clock: Clock | None = None, environ: Mapping[str, str] | None = None
) -> "AnkenApp":
    """Open the chosen database and return the app, ready to run.

    Raises:
        AnkenError: the database cannot be opened or filled; the message is Japanese.
    """
    clock = clock or Clock()
    open_chosen_database(args, clock, os.environ if environ is None else environ)
    _prune_change_log()

    settings_file = paths.settings_path()
    user_name = resolve_user(args, settings_file)
    load_holiday_cache(paths.holiday_cache_path(), clock.today())

    # Imported here so that --help, --version and `paths` start without loading Textual.
    from anken_tui.app import AnkenApp

    return AnkenApp(clock=clock, user_name=user_name, settings_path=settings_file, start_line=args.start_line)


def _prune_change_log() -> None:
    # The log only serves boards that are open now, so a start may trim it; a busy database can wait for the next start.
    try:
        prune_change_log()
    except DatabaseBusyError:
        log.info("change log not pruned: the database was busy")


def print_paths(args: argparse.Namespace, environ: Mapping[str, str]) -> None:
    """Print where the database, the demo database, the settings file and the log file are.

    A PostgreSQL URL is printed with its password replaced by ***.

    Raises:
        DatabaseLocationError: --db, ANKEN_TUI_DB or DATABASE_URL holds an unusable value.
    """
    choice = choose_database(args.db, False, environ)
    database_exists = choice.is_postgres or choice.path.exists()
    rows = [
        (texts.PATHS_DATABASE, choice.shown, database_exists, texts.PATHS_SOURCES.get(choice.source, "")),
        (texts.PATHS_DEMO_DATABASE, str(paths.demo_database_path()), paths.demo_database_path().exists(), ""),
        (texts.PATHS_SETTINGS, str(paths.settings_path()), paths.settings_path().exists(), ""),
        (texts.PATHS_LOG, str(paths.log_path()), paths.log_path().exists(), ""),
    ]
    label_width = max(cell_len(label) for label, _, _, _ in rows)
    for label, location, exists, source in rows:
        padding = " " * (label_width - cell_len(label))
        notes = [source, "" if exists else texts.PATHS_NOT_CREATED]
        print("  ".join([f"{label}{padding}", location, *filter(None, notes)]))


def _print_error(message: str) -> None:
    print(texts.CLI_ERROR.format(prog=PROG, message=message), file=sys.stderr)


def _start_log_file() -> None:
    log_file = paths.log_path()
    try:
        start_logging(log_file)
    except OSError as error:
        silence_logging()
        _print_error(texts.CLI_LOG_UNAVAILABLE.format(path=log_file, reason=error.strerror or error))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the anken-tui command and return its exit status: 0 done, 1 failed, 2 wrong command line."""
    try:
        args = parse_arguments(argv)
    except UsageError as error:
        print(build_parser().format_usage(), end="", file=sys.stderr)
        _print_error(error.message)
        return EXIT_USAGE
    except SystemExit as done:
        # --help and --version print their text, then argparse exits.
        return EXIT_OK if done.code is None else int(done.code)

    if args.command == PATHS_COMMAND:
        try:
            print_paths(args, os.environ)
        except DatabaseLocationError as error:
            _print_error(error.message)
            return EXIT_FAILED
        return EXIT_OK
    if args.command is not None:
        return _run_command(args)
    return _run_app(args)


def _run_command(args: argparse.Namespace) -> int:
    """Run backup, restore or migrate and print what was done; return the exit status."""
    from anken_tui import maintenance

    _start_log_file()
    log.info("anken-tui %s running the %s command", __version__, args.command)
    try:
        choice = choose_database(args.db, False, os.environ)
    except AnkenError as error:
        _print_error(error.message)
        stop_logging()
        return EXIT_FAILED
    try:
        if args.command == BACKUP_COMMAND:
            written = maintenance.run_backup(choice, _user_path(args.file))
            lines = [texts.BACKUP_DONE.format(database=choice.shown, path=written)]
        elif args.command == RESTORE_COMMAND:
            result = maintenance.run_restore(choice, _user_path(args.file), args.force)
            lines = [texts.RESTORE_DONE.format(database=choice.shown, path=_user_path(args.file))]
            if result.previous is not None:
                lines.append(texts.RESTORE_PREVIOUS_KEPT.format(path=result.previous))
        else:
            lines = _copy_from_sqlite(choice, _user_path(args.from_sqlite))
    except AnkenError as error:
        log.warning("%s command failed: %s", args.command, type(error).__name__)
        _print_error(error.message)
        return EXIT_FAILED
    except Exception as error:
        # A database or file error that the command did not foresee: logged in full, shown in one line.
        log.exception("%s command failed", args.command)
        detail = scrub(str(error), parse_postgres_url(choice.url)) if choice.is_postgres else str(error)
        _print_error(texts.CLI_COMMAND_FAILED.format(command=args.command, detail=detail))
        return EXIT_FAILED
    finally:
        close_database()
        stop_logging()

    print("\n".join(lines))
    return EXIT_OK


def _user_path(value: str) -> Path:
    return Path(value).expanduser().absolute()


def _copy_from_sqlite(choice: ChosenDatabase, source: Path) -> list[str]:
    if not choice.is_postgres:
        raise DatabaseLocationError(texts.CLI_MIGRATE_NEEDS_POSTGRES)
    from anken_tui import maintenance

    copied = maintenance.run_copy_from_sqlite(choice, source)

    lines = [texts.COPY_DONE.format(source=source, database=choice.shown)]
    width = max(cell_len(table.table) for table in copied)
    for table in copied:
        padding = " " * (width - cell_len(table.table))
        lines.append(texts.COPY_TABLE_ROW.format(table=f"{table.table}{padding}", rows=table.copied_rows))
    return lines


def _run_app(args: argparse.Namespace) -> int:
    _start_log_file()
    log.info("anken-tui %s starting (demo=%s, line=%s)", __version__, args.demo, args.start_line.value)
    try:
        app = create_app(args)
    except AnkenError as error:
        log.warning("start failed: %s", type(error).__name__)
        close_database()
        stop_logging()
        _print_error(error.message)
        return EXIT_FAILED

    try:
        app.run()
    finally:
        close_database()
        log.info("anken-tui stopped")
        stop_logging()
    return app.return_code or EXIT_OK
