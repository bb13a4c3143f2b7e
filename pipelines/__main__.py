"""Command line: ``python -m pipelines ingest [--raw-dir DIR] [--warehouse FILE]`` runs the
Dagster ingest job in-process, recorded in the persistent Dagster instance (``DAGSTER_HOME``,
``.dagster_home`` by default; ``PIPELINES_DAGSTER_HISTORY=0`` keeps no run history);
``python -m pipelines data-dictionary`` prints the columns.

Exit codes: 0 when the run completed (also when files failed or checks failed: they are listed);
2 when it could not run or complete (no raw folder, another writer, a warehouse of another
version, a full disk or an I/O error: one line says which); 1 for a ``remove-file`` of a file the
warehouse does not know. Every PDF worker process is gone when the command returns.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from pathlib import Path

EXIT_COULD_NOT_RUN = 2
DESCRIPTION = (
    "Turn the final accounts and performance evaluations in the raw folder into a DuckDB warehouse. "
    "ingest reads new and changed files; export-parquet writes every table and view as Parquet; "
    "remove-file deletes the rows of a file; data-dictionary prints the column reference."
)

ROOT = Path(__file__).resolve().parent.parent
# The Dagster instance the command records its runs in, unless DAGSTER_HOME says otherwise: the
# same one `make dev` shows, so a run, its assets and its checks are in the UI after the command.
DEFAULT_DAGSTER_HOME = ROOT / ".dagster_home"
# The instance's settings, written when the folder has none: runs, events and asset checks are
# kept (SQLite in the folder); the raw stdout/stderr of each step is not captured to files (the
# steps' own log lines are events, shown in the UI), which saves a process per run.
DAGSTER_YAML = """\
telemetry:
  enabled: false
compute_logs:
  module: dagster._core.storage.noop_compute_log_manager
  class: NoOpComputeLogManager
"""


def dagster_home() -> Path:
    """The persistent Dagster instance folder ($DAGSTER_HOME, else .dagster_home in the repo)."""
    home = Path(os.environ.get("DAGSTER_HOME") or DEFAULT_DAGSTER_HOME).resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML, encoding="utf-8")
    os.environ["DAGSTER_HOME"] = str(home)
    return home


def _error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_COULD_NOT_RUN


# Errors that stop a run, raised with a message for a person (printed as one line).
_KNOWN_ERRORS = ("StorageError", "WarehouseBusy", "RecordUnreadable", "SchemaMismatch", "RecordViolation")


def _step_failure(event) -> str:
    error = event.event_specific_data.error
    while error.cause is not None and error.cls_name not in _KNOWN_ERRORS and error.cause.cls_name in _KNOWN_ERRORS:
        error = error.cause
    message = error.message.strip()
    if error.cls_name in _KNOWN_ERRORS:
        message = message.split(": ", 1)[-1] if message.split(": ", 1)[0].endswith(error.cls_name) else message
        return " ".join(message.split())
    return f"{event.step_key} failed: {' '.join(message.split())}"


def _ingest(args: argparse.Namespace) -> int:
    import duckdb

    from pipelines import publish, warehouse

    raw_dir, warehouse_path = Path(args.raw_dir), Path(args.warehouse)
    if not raw_dir.is_dir():
        return _error(f"the raw folder {raw_dir} does not exist")
    try:  # fail fast, with a clear message, when the warehouse cannot be written
        with publish.writer_lock(warehouse_path, args.wait, lambda m: print(m, file=sys.stderr)):
            conn = warehouse.connect(warehouse_path)
            conn.close()
            if publish.needs_publishing(warehouse_path):  # a run that loaded but could not publish
                publish.publish(warehouse_path)
    except (publish.WarehouseBusy, publish.StorageError) as exc:
        return _error(str(exc))
    except warehouse.SchemaMismatch as exc:
        return _error(f"{warehouse_path}: {exc}")
    except (duckdb.Error, OSError) as exc:
        return _error(str(publish.storage_error(warehouse_path, exc, "open the warehouse")))

    if not args.force and _nothing_new(raw_dir, warehouse_path):
        return 0
    print(f"Ingesting {raw_dir} into {warehouse_path} …", file=sys.stderr)
    import dagster as dg  # after the answer to a rerun with nothing new: importing Dagster takes seconds

    from pipelines import ingest
    from pipelines.assets import PipelineSettings
    from pipelines.definitions import build_definitions

    settings = PipelineSettings(
        raw_dir=str(raw_dir), warehouse_path=str(warehouse_path), force=args.force, lock_wait_s=args.wait
    )
    job = build_definitions(settings).resolve_job_def("ingest_job")
    run_config = {"loggers": {"console": {"config": {"log_level": args.log_level}}}}
    if os.environ.get("PIPELINES_DAGSTER_HISTORY", "1") == "0":  # no run history kept (tests, one-off runs)
        instance_context = dg.DagsterInstance.ephemeral()
    else:
        dagster_home()
        instance_context = dg.DagsterInstance.get()
    with instance_context as instance:
        result = job.execute_in_process(instance=instance, run_config=run_config, raise_on_error=False)
        if not result.success:
            for event in result.all_events:
                if event.is_step_failure:
                    print(f"error: {_step_failure(event)}", file=sys.stderr)
            return EXIT_COULD_NOT_RUN
        summary = result.output_for_node("warehouse_tables")
    _print_summary(summary, ingest, warehouse_path)
    print(
        f"Readers and BI tools: open {publish.published_path(warehouse_path)} (read-only copy, replaced "
        "atomically after each run)"
    )
    return 0


def _nothing_new(raw_dir: Path, warehouse_path: Path) -> bool:
    """A rerun with nothing to do answers in a second, without starting Dagster: when every file of
    the raw folder was read before (same bytes, same parser, no retry asked), none left the folder,
    the published copy exists and the report was built after it. Prints the summary and returns
    True then; returns False (start the run) in every other case, also when the record cannot be
    read (the run says why)."""
    from pipelines import ingest, publish

    published = publish.published_path(warehouse_path)
    report = warehouse_path.parent / "report" / "index.html"
    try:
        if not published.exists() or not report.exists() or report.stat().st_mtime < published.stat().st_mtime:
            return False
        plan = ingest.plan(raw_dir, warehouse_path)
        if plan.to_read or plan.removed:
            return False
        rows = ingest.published_row_counts(warehouse_path)
    except Exception:  # any doubt: the full run decides, and reports what went wrong
        return False
    print(f"Files loaded: 0; failed: 0; unchanged (read before, skipped): {len(plan.unchanged)}")
    for entry in plan.skipped:
        print(f"  NOT READ {entry.name!r}: {entry.reason}")
    print(
        f"Nothing new in {raw_dir}: no run was started; the warehouse and its report are current "
        "(--force reads every file again)."
    )
    print("Rows in the warehouse:")
    for table, count in rows.items():
        print(f"  {table:<26} {count}")
    print(f"Readers and BI tools: open {published} (read-only copy, replaced atomically after each run)")
    return True


def _remove_file(args: argparse.Namespace) -> int:
    from pipelines import ingest, publish

    try:
        versions = ingest.remove_file(Path(args.warehouse), args.name, args.wait)
    except (publish.WarehouseBusy, publish.StorageError) as exc:
        return _error(str(exc))
    if not versions:
        print(f"{args.name}: the warehouse has no rows of this file; nothing removed")
        return 1
    print(f"{args.name}: removed its rows and its record, and republished the warehouse")
    return 0


def _amount(value) -> str:
    """A check's figure for the summary: null when the document or the computation has none."""
    return "null" if value is None else f"{value:f}"


def _print_summary(summary, ingest, warehouse_path: Path) -> None:
    plural = ingest.plural
    print()
    print(
        f"Files loaded: {len(summary.loaded)}; failed: {len(summary.failed)}; "
        f"unchanged (read before, skipped): {len(summary.unchanged)}"
        + (f"; not counted (superseded or duplicate): {len(summary.superseded)}" if summary.superseded else "")
    )
    for name, counts in summary.loaded:
        print(f"  loaded  {name}: " + ", ".join(f"{t}={n}" for t, n in counts.items() if n))
    for name, parts in summary.unread.items():
        print(f"  PARTIAL {name}: loaded, but {plural(len(parts), 'part')} not read (table fact_unread_part):")
        for line in parts:
            print(f"            {line}")
    for name, status, _by, why in summary.superseded:
        print(f"  {status.upper():<10} {name}: not counted: {why}")
    for name, reason in summary.failed:
        print(f"  FAILED  {name}: {reason}")
    for name in summary.removed:
        print(
            f"  REMOVED {name}: no longer in the raw folder; its rows are kept (delete them with: "
            f"{ingest.remove_hint(name, warehouse_path)})"
        )
    for name, reason in summary.skipped:
        print(f"  NOT READ {name!r}: {reason}")
    print(f"Accounting checks failed in this run: {len(summary.failed_checks)} (all results: table fact_check_result)")
    for source_file, rule, subject, expected, found, difference in summary.failed_checks:
        shown = "null" if difference is None else f"{difference:+f}"
        print(
            f"  {source_file}: {rule}: {subject}: printed {_amount(expected)}, computed {_amount(found)}, "
            f"difference {shown}"
        )
    if summary.violations:
        print(f"The record and the rows disagree in {plural(len(summary.violations), 'place')} (a bug; please report):")
        for name, _doc_id, problem in summary.violations:
            print(f"  {name}: {problem}")
    print("Rows in the warehouse:")
    for table, count in summary.warehouse_rows.items():
        print(f"  {table:<26} {count}")


def data_dictionary() -> str:
    """Markdown tables of every warehouse table and view column, from the comments in sql/. Every
    column is described by its own comment (a view's column by the view's, never by a table
    column that happens to share its name)."""
    import duckdb

    from pipelines import warehouse

    conn = duckdb.connect()
    warehouse.apply_schema(conn)
    lines: list[str] = []
    for kind, names in (("table", warehouse.TABLES), ("view", warehouse.VIEWS)):
        for name in names:
            listing = "duckdb_tables() where table_name" if kind == "table" else "duckdb_views() where view_name"
            (described,) = conn.execute(f"select comment from {listing} = $t", {"t": name}).fetchall()[0]
            lines += [
                f"### `{name}` ({kind})",
                "",
                described or "",
                "",
                "| column | type | meaning and unit |",
                "|---|---|---|",
            ]
            for column, dtype, comment in conn.execute(
                "select column_name, data_type, comment from duckdb_columns() "
                "where table_name = $t order by column_index",
                {"t": name},
            ).fetchall():
                meaning = (comment or "").replace("|", "/")
                lines.append(f"| `{column}` | {dtype.lower()} | {meaning} |")
            lines.append("")
    conn.close()
    return "\n".join(lines)


def _export_parquet(args: argparse.Namespace) -> int:
    import duckdb

    from pipelines import warehouse
    from pipelines.ingest import plural

    path = Path(args.warehouse)
    if not path.exists():
        print(f"error: the warehouse {path} does not exist; run ingest first", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    try:
        conn = duckdb.connect(str(path), read_only=True)
    except duckdb.IOException as exc:
        print(f"error: cannot open the warehouse {path}: {exc}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    try:
        counts = warehouse.export_parquet(conn, Path(args.out))
    finally:
        conn.close()
    for table, rows in counts.items():
        print(f"  {args.out}/{table}/  {rows} rows")
    views = sum(1 for name in counts if name in warehouse.VIEWS)
    print(f"Exported {plural(len(counts) - views, 'table')} and {plural(views, 'view')} to {args.out}")
    return 0


def _report(args: argparse.Namespace) -> int:
    import duckdb

    from pipelines.report.build import build_report, report_source
    from pipelines.report.data import WarehouseUnreadable

    source = report_source(args.warehouse)
    try:
        summary = build_report(source, args.out, args.raw_dir)
    except WarehouseUnreadable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    except duckdb.Error as exc:
        print(f"error: cannot read the warehouse {source}: {exc}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    pages = ", ".join(f"{kind} {count}" for kind, count in summary.pages.items())
    print(f"Report of {source}: {summary.total_pages} pages ({pages})")
    print(f"Open {summary.index} in a browser (it reads nothing from the network)")
    return 0


def _stop_on_signal(signum, _frame) -> None:
    """SIGTERM / SIGHUP: leave through the normal way out, so the workers are stopped."""
    raise SystemExit(128 + signum)


def _stop_workers() -> None:
    """Stop every PDF worker process this command started (if the PDF reader was loaded)."""
    pdf = sys.modules.get("pipelines.readers.pdf")
    if pdf is not None:
        pdf.WORKER_POOL.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines", description=DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = commands.add_parser(
        "ingest",
        help="ingest the new and changed files of the raw folder into the warehouse",
        description="Read the new and changed files of the raw folder into the warehouse, evaluate the "
        "accounting checks, publish the read-only copy and print a summary. Exit 0 when the run completed "
        "(also with failed files or checks), 2 when it could not run.",
    )
    ingest.add_argument("--raw-dir", default="data/raw", help="folder of raw files (default: data/raw)")
    ingest.add_argument(
        "--warehouse",
        default="data/warehouse/budget.duckdb",
        help="DuckDB file (default: data/warehouse/budget.duckdb)",
    )
    ingest.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    ingest.add_argument("--force", action="store_true", help="read every file again, also versions read before")
    ingest.add_argument(
        "--wait", type=float, default=300, help="seconds to wait while another ingest writes (default 300)"
    )
    remove = commands.add_parser(
        "remove-file",
        help="delete the rows of a file that left the raw folder",
        description="Delete the rows and the record of one file, and republish. Put -- before a name "
        "that starts with '-'.",
    )
    remove.add_argument("name", help="the file name, as in dim_document.source_file")
    remove.add_argument("--warehouse", default="data/warehouse/budget.duckdb", help="DuckDB file to change")
    remove.add_argument("--wait", type=float, default=300, help="seconds to wait while another ingest writes")
    export = commands.add_parser(
        "export-parquet", help="write every table and view as Parquet, one folder each, for BI tools"
    )
    export.add_argument("--warehouse", default="data/warehouse/budget.duckdb", help="DuckDB file to read")
    export.add_argument(
        "--out", default="data/warehouse/parquet", help="folder to write (default: data/warehouse/parquet)"
    )
    report = commands.add_parser("report", help="build the HTML report (data/warehouse/report/index.html)")
    report.add_argument(
        "--warehouse",
        default="data/warehouse/budget.duckdb",
        help="warehouse file; its published copy is read when there is one (default: data/warehouse/budget.duckdb)",
    )
    report.add_argument(
        "--out", default="data/warehouse/report", help="folder to write (default: data/warehouse/report)"
    )
    report.add_argument(
        "--raw-dir", default="data/raw", help="raw folder, for links to the source files (default: data/raw)"
    )
    dictionary = commands.add_parser(
        "data-dictionary", help="print the warehouse columns as Markdown (from the comments in sql/)"
    )
    dictionary.add_argument("--readme", type=Path, help="rewrite the column reference section of this README instead")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    handlers = {}
    for signum in (signal.SIGTERM, signal.SIGHUP):
        try:
            handlers[signum] = signal.signal(signum, _stop_on_signal)
        except ValueError:  # not the main thread (a test calling main): leave signals alone
            pass
    try:
        return _command(args)
    finally:
        _stop_workers()
        for signum, handler in handlers.items():
            signal.signal(signum, handler)


def _command(args: argparse.Namespace) -> int:
    if args.command == "ingest":
        return _ingest(args)
    if args.command == "remove-file":
        return _remove_file(args)
    if args.command == "export-parquet":
        return _export_parquet(args)
    if args.command == "report":
        return _report(args)
    if args.command == "data-dictionary":
        if args.readme is None:
            print(data_dictionary())
            return 0
        text = args.readme.read_text(encoding="utf-8")
        start, end = "<!-- data-dictionary:start -->\n", "<!-- data-dictionary:end -->"
        head, _, rest = text.partition(start)
        _, _, tail = rest.partition(end)
        args.readme.write_text(f"{head}{start}{data_dictionary()}\n{end}{tail}", encoding="utf-8")
        return 0
    return EXIT_COULD_NOT_RUN


if __name__ == "__main__":
    sys.exit(main())
