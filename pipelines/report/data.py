"""The report's view of the warehouse: the tables of a warehouse file, read-only, with the views of
``sql/views`` defined over them.

The file is attached read-only into an in-memory database, each of its tables is exposed under its
own name, and every view of ``warehouse.VIEWS`` is created from its SQL file. So the report reads
exactly the SQL an analyst queries, also from a published copy made before a view was added, and
never writes to (or locks) the warehouse.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines import warehouse


class WarehouseUnreadable(RuntimeError):
    """The warehouse file is missing, or lacks tables the report needs."""


def open_warehouse(path: Path | str) -> duckdb.DuckDBPyConnection:
    """An in-memory connection over ``path`` (read-only) with the warehouse views defined."""
    path = Path(path)
    if not path.is_file():
        raise WarehouseUnreadable(f"the warehouse {path} does not exist; run `python -m pipelines ingest` first")
    conn = duckdb.connect()
    try:
        conn.execute("attach $path as stored (read_only)", {"path": str(path)})
        present = {
            name
            for (name,) in conn.execute(
                "select table_name from duckdb_tables() where database_name = 'stored' and schema_name = 'main'"
            ).fetchall()
        }
        missing = [t for t in warehouse.TABLES if t not in present]
        if missing:
            raise WarehouseUnreadable(
                f"the warehouse {path} has no tables {', '.join(missing)}: it was built by another version of "
                "the pipeline; it is derived from data/raw, so delete it and ingest again"
            )
        for table in warehouse.TABLES:
            conn.execute(f'create view main."{table}" as select * from stored.main."{table}"')
        for view in warehouse.VIEWS:
            conn.execute(warehouse.sql(f"views/{view}"))
    except BaseException:
        conn.close()
        raise
    return conn
