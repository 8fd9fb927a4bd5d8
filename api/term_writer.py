"""The write path: one lock, validation against the current state, write-ahead log, one atomic update.

Every accepted write follows the same steps under one lock, held across threads *and* worker
processes sharing the data folder (``fcntl.flock`` on ``<data_dir>/changes/write.lock``):

0. bring the change log up to date with other processes' appends (so sequence numbers never
   collide) and apply any logged change the store lacks (a worker that died mid-write);

1. read the term's current description and ETag; check existence and ``If-Match``;
2. validate the new description against the store as it is now (Violations → 422);
3. stamp provenance (``prov:wasAttributedTo`` the editor, ``dct:created``/``dct:modified``);
4. append the change to the log and fsync (from here on it survives a crash);
5. apply it to the store as one SPARQL Update (old description out, new in, change
   number recorded, store version bumped) — if the store refuses it or cannot be reached the change
   is aborted in the log; if the update went out but no answer came (timeout, connection cut) the
   store may still apply it, so the change stays logged and is sent again in the background until
   the store has it (503 meanwhile). Every operation of the update is guarded by the store's applied
   change number, so a resend, or the first request landing late, is a no-op.

On start-up :meth:`TermWriter.recover` replays every logged change the store lacks:
those after the last applied one, or — when the store was rebuilt from ``graph/`` since —
those after the last export to ``graph/``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from api.changelog import Change, ChangeLog, exported_seq, log_dir, new_change
from api.model import editor_iri, term_iri
from api.process_lock import ProcessLock
from api.settings import Settings
from api.store import StoreOutcomeUnknownError, StoreUnavailableError, TermStore
from api.term_state import (
    applied_state,
    apply_description,
    check_write_queries,
    describe,
    etag_of,
    from_ntriples,
    to_ntriples,
)
from api.validation_report import Finding, Report
from api.vocab import DCTERMS, PROV, STATUSES, TIFA, XSD
from api.write_checks import check_write, existing_terms, violations, warnings
from api.write_input import Draft

WRITE_LOCK = "write.lock"


log = logging.getLogger(__name__)


class WriteError(Exception):
    """A refused write: the HTTP status and the JSON body that says why."""

    def __init__(self, status: int, detail: str, **extra: object) -> None:
        super().__init__(detail)
        self.status = status
        self.body: dict[str, object] = {"detail": detail, **extra}


@dataclass
class WriteResult:
    """An accepted write."""

    change: Change
    etag: str
    warnings: list[Finding] = field(default_factory=list)


def _now() -> Literal:
    return Literal(datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                   datatype=XSD.dateTime, normalize=False)  # keep the 'Z' form Oxigraph also writes


class TermWriter:
    """Serialises writes to one store and keeps the change log in step with it."""

    def __init__(self, store: TermStore, settings: Settings, log: ChangeLog,
                 on_change: Callable[[list[str]], None] | None = None) -> None:
        self.store, self.settings, self.log = store, settings, log
        self.queries_dir: Path = settings.queries_dir
        self.on_change = on_change
        self._lock = ProcessLock(log.folder / WRITE_LOCK)
        self._synced = -1  # log.last_seq when the store was last known to hold every logged change
        self._settler: threading.Thread | None = None
        self._closed = threading.Event()
        check_write_queries(self.queries_dir)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """The write lock, with the log re-read and the store caught up with it."""
        with self._lock:
            self.log.repair()
            if self.log.last_seq != self._synced:
                self._catch_up()
            yield

    def close(self) -> None:
        """Stop settling and release the lock file."""
        self._closed.set()
        self._lock.close()

    # -- reads --------------------------------------------------------------

    def current(self, slug: str) -> tuple[Graph, str | None]:
        """The term's description and ETag (None when there is no such term)."""
        g = describe(self.store, self.queries_dir, term_iri(slug, self.store.base))
        return g, etag_of(g)

    # -- writes -------------------------------------------------------------

    def create(self, draft: Draft, editor: str) -> WriteResult:
        """Add a new term (409 when the slug is taken)."""
        with self._locked():
            if existing_terms(self.store, self.queries_dir, [draft.iri]):
                _, etag = self.current(draft.slug)
                raise WriteError(409, f"term {draft.slug!r} exists already; change it with PUT and If-Match",
                                 etag=etag)
            return self._commit("create", draft, editor, None)

    def replace(self, slug: str, draft: Draft, if_match: str | None, editor: str) -> WriteResult:
        """Replace the description of an existing term (412 on a stale ``If-Match``, 428 without one)."""
        with self._locked():
            old, etag = self.current(slug)
            self._check_version(slug, etag, if_match)
            return self._commit("replace", draft, editor, old)

    def deprecate(self, slug: str, replaced_by: str | None, if_match: str | None, editor: str) -> WriteResult:
        """Mark a term deprecated (never removed), optionally pointing at its replacement.

        Like :meth:`replace` it needs ``If-Match`` (428 without, 412 stale): deprecating a term a colleague
        has just changed would otherwise hide that change unseen.
        """
        base = self.store.base
        with self._locked():
            old, etag = self.current(slug)
            self._check_version(slug, etag, if_match)
            iri = term_iri(slug, base)
            new = Graph()
            for triple in old:
                new.add(triple)
            new.set((iri, TIFA.status, STATUSES["deprecated"]))
            if replaced_by is not None:
                if replaced_by == slug or self.current(replaced_by)[1] is None:
                    raise WriteError(422, f"replaced_by {replaced_by!r} is not another term of the graph")
                new.set((iri, DCTERMS.isReplacedBy, term_iri(replaced_by, base)))
            return self._commit("deprecate", Draft(iri, slug, new), editor, old, validate=False)

    def _check_version(self, slug: str, etag: str | None, if_match: str | None) -> None:
        if etag is None:
            raise WriteError(404, f"no term {slug!r}")
        if if_match is None:
            raise WriteError(428, "send If-Match with the term's ETag (from GET /api/terms/{id}) so that "
                                  "a colleague's change is never silently overwritten", etag=etag)
        tags = [t.strip().removeprefix("W/") for t in if_match.split(",")]
        if "*" not in tags and etag not in tags:
            raise WriteError(412, f"term {slug!r} has changed since you read it (its ETag is {etag}); "
                                  "GET it again, merge, and retry with the new ETag", etag=etag)

    def _commit(self, op: str, draft: Draft, editor: str, old: Graph | None, validate: bool = True) -> WriteResult:
        graph = self._stamp(draft, editor, old)
        report = check_write(self.store, draft.iri, graph, replace=op != "create") if validate else Report()
        blocking = violations(report)
        if blocking:
            raise WriteError(422, f"the {op} of {draft.slug!r} has {len(blocking)} Violation(s); "
                                  "nothing was changed", report=report.to_json())
        change = new_change(self.log.last_seq + 1, editor, op, draft.slug, str(draft.iri), to_ntriples(graph))
        self.log.append(change)  # write-ahead: durable before the store is touched and before the 201
        try:
            apply_description(self.store, self.queries_dir, draft.iri, graph, change.seq)
        except StoreOutcomeUnknownError as exc:
            # The update went out unanswered: the store may apply it yet. Aborting could not stop that, so the
            # log stays the truth: the change is kept and sent again (a no-op if it landed) until the store has it.
            self._settle_later()
            raise StoreOutcomeUnknownError(
                f"the store did not confirm change {change.seq} ({exc}); it is in the change log and will be applied "
                f"as soon as the store answers — do not send it again; GET /api/terms/{draft.slug} after Retry-After"
            ) from exc
        except Exception:
            self.log.abort(change)  # the client hears an error, so the change must not come back on replay
            raise
        self._synced = change.seq
        _, etag = self.current(draft.slug)
        if self.on_change is not None:
            self.on_change([draft.slug])
        return WriteResult(change, etag or "", warnings(report))

    def _stamp(self, draft: Draft, editor: str, old: Graph | None) -> Graph:
        """The draft with server-set provenance (any in the body is replaced)."""
        g = Graph()
        for triple in draft.graph:
            g.add(triple)
        iri, now = draft.iri, _now()
        created = old.value(iri, DCTERMS.created) if old is not None else None
        g.set((iri, DCTERMS.created, created if created is not None else now))
        g.set((iri, DCTERMS.modified, now))
        g.set((iri, PROV.wasAttributedTo, editor_iri(editor, self.store.base)))
        return g

    # -- recovery -----------------------------------------------------------

    def _settle_later(self, every: float = 1.0) -> None:
        """Retry, in the background, to bring the store up to the log (after an update that got no answer)."""
        if self._settler is not None and self._settler.is_alive():
            return

        def settle() -> None:
            while not self._closed.wait(every):
                try:
                    with self._locked():
                        return
                except (StoreUnavailableError, TimeoutError) as exc:
                    log.info("change log not yet applied to the store (%s); retrying", exc)

        self._settler = threading.Thread(target=settle, name="tifa-settle", daemon=True)
        self._settler.start()


    def recover(self) -> int:
        """Apply every logged change the store does not hold yet; return how many were applied."""
        with self._lock:
            self.log.repair()
            return self._catch_up()

    def _catch_up(self) -> int:
        """Under the lock: replay logged changes the store lacks; return how many."""
        applied, applied_on, build = applied_state(self.store)
        start = applied if applied_on is not None and applied_on == build else exported_seq(self.log.folder)
        replayed = list(self.log.since(start))
        for change in replayed:
            apply_description(self.store, self.queries_dir, URIRef(change.iri),
                              from_ntriples(change.ntriples), change.seq)
        self._synced = self.log.last_seq
        if replayed and self.on_change is not None:
            self.on_change(sorted({c.slug for c in replayed}))
        return len(replayed)


def open_writer(settings: Settings, store: TermStore,
                on_change: Callable[[list[str]], None] | None = None, recover: bool = True) -> TermWriter:
    """The writer of a running service: opens the change log and (with ``recover``) replays what the store lacks."""
    writer = TermWriter(store, settings, ChangeLog(log_dir(settings)), on_change)
    if recover:
        writer.recover()
    return writer


def refresh_lookup(state: object, slugs: list[str]) -> None:
    """Tell the lookup index (issue #3) which terms changed.

    Calls ``app.state.refresh_lookup(slugs)`` when the lookup work has installed it; the store's version
    counter, bumped by every write, lets indexes in other processes notice too.
    """
    hook = getattr(state, "refresh_lookup", None)
    if callable(hook):
        hook(slugs)
