"""Command line: ``python -m pipelines ingest [--raw-dir DIR] [--warehouse FILE]`` runs the
Dagster ingest job in-process; ``python -m pipelines data-dictionary`` prints the columns."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

EXIT_COULD_NOT_RUN = 2


def _ingest(args: argparse.Namespace) -> int:
    import dagster as dg
    import duckdb

    from pipelines import publish, warehouse
    from pipelines.assets import PipelineSettings
    from pipelines.definitions import build_definitions

    raw_dir, warehouse_path = Path(args.raw_dir), Path(args.warehouse)
    if not raw_dir.is_dir():
        print(f"error: the raw folder {raw_dir} does not exist", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    try:  # fail fast, with a clear message, when the warehouse cannot be written
        with publish.writer_lock(warehouse_path, args.wait, lambda m: print(m, file=sys.stderr)):
            warehouse.connect(warehouse_path).close()
    except publish.WarehouseBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    except duckdb.IOException as exc:
        print(f"error: cannot open the warehouse {warehouse_path}: {exc}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    except warehouse.SchemaMismatch as exc:
        print(f"error: {warehouse_path}: {exc}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN

    print(f"Ingesting {raw_dir} into {warehouse_path} …", file=sys.stderr)
    settings = PipelineSettings(
        raw_dir=str(raw_dir), warehouse_path=str(warehouse_path), force=args.force, lock_wait_s=args.wait
    )
    job = build_definitions(settings).resolve_job_def("ingest_job")
    run_config = {"loggers": {"console": {"config": {"log_level": args.log_level}}}}
    with dg.DagsterInstance.ephemeral() as instance:
        result = job.execute_in_process(instance=instance, run_config=run_config, raise_on_error=False)
        if not result.success:
            for event in result.all_events:
                if event.is_step_failure:
                    print(f"error: {event.step_key} failed: {event.event_specific_data.error.message}", file=sys.stderr)
            return EXIT_COULD_NOT_RUN
        summary = result.output_for_node("warehouse_tables")
    _print_summary(summary)
    print(
        f"Readers and BI tools: open {publish.published_path(warehouse_path)} (read-only copy, replaced "
        "atomically after each run)"
    )
    return 0


def _remove_file(args: argparse.Namespace) -> int:
    from pipelines import ingest, publish

    try:
        versions = ingest.remove_file(Path(args.warehouse), args.name, args.wait)
    except publish.WarehouseBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    if not versions:
        print(f"{args.name}: the warehouse has no rows of this file; nothing removed")
        return 1
    print(f"{args.name}: removed its rows ({versions} recorded versions) and republished the warehouse")
    return 0


def _print_summary(summary) -> None:
    print()
    print(
        f"Files loaded: {len(summary.loaded)}; failed: {len(summary.failed)}; "
        f"unchanged (read before, skipped): {len(summary.unchanged)}"
    )
    for name, counts in summary.loaded:
        print(f"  loaded  {name}: " + ", ".join(f"{t}={n}" for t, n in counts.items() if n))
    for name, parts in summary.unread.items():
        print(f"  PARTIAL {name}: loaded, but {len(parts)} parts were not read (table fact_unread_part):")
        for line in parts:
            print(f"            {line}")
    for name, reason in summary.failed:
        print(f"  FAILED  {name}: {reason}")
    for name in summary.removed:
        print(
            f"  REMOVED {name}: no longer in the raw folder; its rows are kept "
            f"(python -m pipelines remove-file {name} deletes them)"
        )
    print(f"Accounting checks failed in this run: {len(summary.failed_checks)} (all results: table fact_check_result)")
    for source_file, rule, subject, expected, found, difference in summary.failed_checks:
        print(
            f"  {source_file}: {rule}: {subject}: printed {expected:f}, computed {found:f}, difference {difference:+f}"
        )
    print("Rows in the warehouse:")
    for table, count in summary.warehouse_rows.items():
        print(f"  {table:<26} {count}")


def data_dictionary() -> str:
    """Markdown tables of every warehouse table and view column, from the comments in sql/. A view
    column that is a table column of the same name has that column's meaning."""
    import duckdb

    from pipelines import warehouse

    conn = duckdb.connect()
    warehouse.apply_schema(conn)
    known = dict(
        conn.execute(
            "select column_name, any_value(comment) from duckdb_columns() "
            "where comment is not null and table_name in (select table_name from duckdb_tables()) "
            "group by column_name"
        ).fetchall()
    )
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
                meaning = (comment or known.get(column) or "").replace("|", "/")
                lines.append(f"| `{column}` | {dtype.lower()} | {meaning} |")
            lines.append("")
    conn.close()
    return "\n".join(lines)


def _export_parquet(args: argparse.Namespace) -> int:
    import duckdb

    from pipelines import warehouse

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
    print(f"Exported {len(counts)} tables to {args.out}")
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = commands.add_parser("ingest", help="ingest every file of the raw folder into the warehouse")
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
    remove = commands.add_parser("remove-file", help="delete the rows of a file that left the raw folder")
    remove.add_argument("name", help="the file name, as in dim_document.source_file")
    remove.add_argument("--warehouse", default="data/warehouse/budget.duckdb")
    remove.add_argument("--wait", type=float, default=300)
    export = commands.add_parser(
        "export-parquet", help="write every table as Parquet, one folder a table, for BI tools"
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
        "data-dictionary", help="print the warehouse columns as Markdown (from sql/tables)"
    )
    dictionary.add_argument("--readme", type=Path, help="rewrite the column reference section of this README instead")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
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
