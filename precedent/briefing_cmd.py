"""``precedent briefing KIND/SLUG``: the briefing pack of a topic, body, administration or place as of a
date, written as HTML, Markdown, DOCX or PDF — the same pack as ``/briefing/{kind}/{slug}``."""

from __future__ import annotations

from pathlib import Path

import click

from archive import Archive, ArchiveConfig, subjects
from archive import briefing as briefs
from archive.standing import as_of_date
from ontology import slugify


@click.command()
@click.argument("subject", metavar="KIND/SLUG")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="The date the pack is about (default: today).")
@click.option(
    "--format", "fmt", type=click.Choice(["html", "md", "docx", "pdf"]), default="md", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here (default: stdout for html/md).",
)
@click.option("--level", default=None, help="Read at this access level (default: the lowest).")
@click.pass_context
def briefing(
    ctx: click.Context, subject: str, as_of: str | None, fmt: str, output: Path | None, level: str | None
) -> None:
    """Write the briefing pack of KIND/SLUG (topic, organisation, administration, place): topic/fisheries."""
    from webui.briefing_formats import render

    kind, _, slug = subject.partition("/")
    if kind not in subjects.BRIEFING_KINDS or not slug:
        raise click.UsageError(
            f"KIND/SLUG: KIND is one of {', '.join(subjects.BRIEFING_KINDS)}, e.g. topic/fisheries"
        )
    try:
        if slugify(slug) != slug:
            raise ValueError
    except ValueError:
        raise click.UsageError(f"{slug!r} is not a page slug (copy it from the page's address)") from None
    try:
        day = as_of_date(as_of)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--as-of") from None
    if fmt in ("docx", "pdf") and output is None:
        raise click.UsageError(f"a {fmt} pack needs -o FILE")
    data = ctx.obj.get("data") if ctx.obj else None
    config = ArchiveConfig.from_env(**({"data_dir": Path(data)} if data else {}))
    archive = Archive.open(config)
    try:
        view = archive.view(level or archive.config.levels[0])
        iri = subjects.subject_iri(config.base_iri, kind, slug)
        if not subjects.known(view, iri):
            raise click.ClickException(f"nothing at the {view.level} level is about {kind}/{slug}")
        pack = briefs.build(view, kind, iri, day)
        body = render(pack, fmt)
    finally:
        archive.close()
    if output is None:
        click.echo(body.decode("utf-8"), nl=False)
    else:
        output.write_bytes(body)
        click.echo(f"wrote {output} ({len(body)} bytes, {fmt}, as of {day}, level {pack.level})", err=True)


__all__ = ["briefing"]
