"""Commands for dataset maintainers and tools: cite, export, validate, schema."""

import sys
from typing import Annotated, Optional

import typer

from ..core.errors import ExitCode
from ..output.formats import CiteFormat, OutputFormat
from .app import state
from .options import FILTERS, FORCE, ID_HELP, Options, argument, command, formats, ids_argument


@command(formats(OutputFormat, "table (path:line:col: message lines) or json."))
def validate(
    ctx: typer.Context,
    options: Options,
    path: Annotated[Optional[str], argument("[PATH]", "Dataset file (default: the one in use).")] = None,
) -> None:
    """Check a dataset file and print every problem as path:line:col: message.

    Exits 0 when the file is valid, 3 when it is not. Without PATH, checks the dataset in use
    (--data, PACTCLI_DATA or the bundled one); pactcli validate mine.yaml checks your own.

    \b
    Examples:
      pactcli validate
      pactcli validate --json
    """
    from ..core.sanitize import visible
    from ..dataset.build import check_file
    from ..output import json_

    st = state(ctx, options)
    chosen = options.chosen_format()
    if chosen not in (OutputFormat.TABLE, OutputFormat.JSON):
        from ..core.errors import UsageError

        raise UsageError(f"validate prints table or json, not {chosen.value}")
    problems, count = check_file(path if path is not None else st.options.data)
    if chosen is OutputFormat.JSON:
        payload = {
            "valid": not problems,
            "records": count,
            "problems": [
                {
                    "path": p.path,
                    "line": p.line,
                    "column": p.column,
                    "record": p.record_id,
                    "field": p.field,
                    "message": p.message,
                }
                for p in problems
            ],
        }
        st.write([json_.render(payload)])
    elif problems:
        st.write(visible(str(p), keep_layout=False) + "\n" for p in problems)
    if problems:
        if chosen is not OutputFormat.JSON:
            sys.stderr.write(f"pactcli: {len(problems)} problem(s) found\n")
        raise typer.Exit(ExitCode.BAD_DATA)
    if chosen is not OutputFormat.JSON:
        sys.stderr.write(f"pactcli: ok: {count} records are valid\n")


@command()
def schema(
    ctx: typer.Context,
    options: Options,
    data_file: Annotated[
        bool, typer.Option("--data-file", help="The schema of the YAML dataset file instead of a JSON output record.")
    ] = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of one record of the JSON output, or of the dataset file.

    Point a YAML language server at the --data-file schema to validate and complete a
    dataset while you type it.

    \b
    Examples:
      pactcli schema > record.schema.json
      pactcli schema --data-file > pactcli-data.schema.json
      pactcli schema | jq '.properties | keys'
    """
    from ..core.schema import data_file_schema, record_schema
    from ..output import json_

    state(ctx, options).write([json_.render(data_file_schema() if data_file else record_schema())])


@command(formats(CiteFormat, "table, json, or the sources as bibtex or csl-json."))
def cite(
    ctx: typer.Context,
    options: Options,
    key: Annotated[str, ids_argument("ID", ID_HELP)],
    field: Annotated[
        Optional[str],
        typer.Argument(
            metavar="[FIELD]",
            help="Only this fact: date, place, signatories, legal_character, binding, status, …",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show where each fact of an instrument comes from: the sources that state it, with quotes.

    With FIELD, only that fact. --format bibtex or csl-json exports the sources (those that
    support FIELD, if given) for a reference manager, Pandoc or LaTeX.

    \b
    Examples:
      pactcli cite sosa
      pactcli cite comcasa signatories
      pactcli cite beca --format bibtex > beca.bib
      pactcli cite lemoa signed --format csl-json
    """
    from ..core.provenance import check_field, facts
    from ..core.query import lookup
    from ..output.views import citations

    st = state(ctx, options)
    chosen = check_field(field)
    agreement = lookup(st.catalog(), [key])[0]
    shown = options.chosen_format()
    st.write(citations(agreement, facts(agreement, chosen), chosen, shown, st.env(options)))


@command(FILTERS, FORCE)
def export(
    ctx: typer.Context,
    path: Annotated[str, argument("FILE.db", "The SQLite database to write.")],
    options: Options,
) -> None:
    """Write the instruments to a SQLite database for Datasette, sqlite-utils, DuckDB or pandas.

    Tables: agreements (one row each, id as primary key), signatories, sources, relations and
    tags (keyed to agreements.id), and agreements_fts, a full-text index over names, summaries,
    provisions and notes that sqlite-utils search and Datasette's search box use. Filters
    choose what is written. An existing file is replaced only with --force.

    \b
    Examples:
      pactcli export pacts.db
      pactcli export --since 2016 recent.db
      pactcli export pacts.db --force && sqlite3 pacts.db "select id, signed from agreements where binding = 0"
    """
    from ..core.sanitize import visible
    from ..output.export import export as write_database

    st = state(ctx, options)
    count = write_database(st.catalog().records(st.filters(options)), path, force=options.force)
    sys.stderr.write(f"pactcli: wrote {count} instruments to {visible(path, keep_layout=False)}\n")
