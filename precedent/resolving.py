"""Actor resolution across the archive, run after each ingest: match (ingest) and record (archive).

The matching rules are ``ingest.resolve_archive``; what the archive knows of each actor, how the pass
records its pairs and how a merge is applied are ``archive.actors`` and ``Writer.decide_actors``.
Certain pairs are merged at once; uncertain ones are proposed to editors (``precedent review actors``,
the web review page); pairs an editor merged or split are left as they decided. Web uploads and the
server's ``/api/ingest`` run the same pass (``webui.upload.resolve_after_ingest``).
"""

from __future__ import annotations

from archive import Archive
from archive.actors import ResolutionReport
from archive.actors import resolve_actors as resolve_pass
from archive.writer import Writer
from ingest.resolve_archive import match_records


def resolve_actors(archive: Archive, user: str, writer: Writer | None = None) -> ResolutionReport:
    """Merge the actors that are certainly the same; propose the uncertain pairs to editors.

    ``writer``: the ingest's own writer session, still open, so the pass needs no session of its own.
    """
    return resolve_pass(archive, user, match_records, writer=writer)


__all__ = ["ResolutionReport", "resolve_actors"]
