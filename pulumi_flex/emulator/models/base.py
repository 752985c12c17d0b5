"""What every Flex object family shares: SIDs, dates, store access, fetch/update/delete and paged lists.

A family subclasses :class:`Collection`, declares its kind, SID prefix, path, list key and filters, and
implements the rules: how a create body becomes a document, how an update changes it, and how a document is
rendered as Twilio's JSON. The generic operations here do the rest.
"""

from __future__ import annotations

import secrets
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from pulumi_flex.emulator.paging import Cursor, Page, PageRequest, envelope, parse_page_request
from pulumi_flex.emulator.store import Doc, Order, Scalar, Store
from pulumi_flex.emulator.wire import (
    Form,
    JsonObject,
    Param,
    format_date,
    not_found,
    parse_params,
    sid_pattern,
    utcnow,
)

Operation = Literal["list", "create", "fetch", "update", "delete"]
ALL_OPERATIONS: frozenset[Operation] = frozenset({"list", "create", "fetch", "update", "delete"})


@dataclass(frozen=True)
class Context:
    """Who is calling and where the emulator is reachable, for account scoping and absolute URLs."""

    account_sid: str
    base_url: str  # scheme://host[:port] as the client addressed us, no trailing slash


def new_sid(prefix: str) -> str:
    return prefix + secrets.token_hex(16)


def now() -> str:
    return format_date(utcnow())


class Collection(ABC):
    """A list resource at ``list_path`` with instances at ``list_path/{Sid}``."""

    kind: ClassVar[str]  # store kind
    sid_prefix: ClassVar[str]
    list_path: ClassVar[str]  # e.g. "/v1/FlexFlows"
    list_key: ClassVar[str]  # meta.key and the envelope key
    filters: ClassVar[Sequence[Param]] = ()  # exact-match list filters, in meta-URL order
    newest_first: ClassVar[bool] = False
    operations: ClassVar[frozenset[Operation]] = ALL_OPERATIONS

    def __init__(self, store: Store) -> None:
        self.store = store

    # ---- rules, per family

    @abstractmethod
    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """Validate a create body and return the family's fields (no sid, account or dates)."""

    @abstractmethod
    def changed_fields(self, doc: Doc, form: Form, ctx: Context) -> Doc:
        """Validate an update body and return the document's new family fields."""

    @abstractmethod
    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """The resource's JSON as Twilio returns it."""

    # ---- generic operations

    def instance_path(self, sid: str) -> str:
        return f"{self.list_path}/{sid}"

    def instance_url(self, sid: str, ctx: Context) -> str:
        return ctx.base_url + self.instance_path(sid)

    def create(self, form: Form, ctx: Context) -> JsonObject:
        fields = self.new_fields(form, ctx)
        stamp = now()
        doc: Doc = {
            **fields,
            "sid": new_sid(self.sid_prefix),
            "account_sid": ctx.account_sid,
            "date_created": stamp,
            "date_updated": stamp,
        }
        self.store.insert(self.kind, ctx.account_sid, doc["sid"], doc)
        return self.render(doc, ctx)

    def fetch(self, sid: str, ctx: Context) -> JsonObject:
        return self.render(self.require(sid, ctx), ctx)

    def update(self, sid: str, form: Form, ctx: Context) -> JsonObject:
        doc = self.require(sid, ctx)
        updated: Doc = {**doc, **self.changed_fields(doc, form, ctx), "date_updated": now()}
        if not self.store.replace(self.kind, ctx.account_sid, sid, updated):
            raise not_found(self.instance_path(sid))  # deleted concurrently
        return self.render(updated, ctx)

    def delete(self, sid: str, ctx: Context) -> None:
        self.require_valid_sid(sid)
        if not self.store.delete(self.kind, ctx.account_sid, sid):
            raise not_found(self.instance_path(sid))

    def require_valid_sid(self, sid: str) -> None:
        # A malformed SID cannot name anything, so Twilio answers 404 rather than 400.
        if not sid_pattern(self.sid_prefix).match(sid):
            raise not_found(self.instance_path(sid))

    def require(self, sid: str, ctx: Context) -> Doc:
        self.require_valid_sid(sid)
        doc = self.store.get(self.kind, ctx.account_sid, sid)
        if doc is None:
            raise not_found(self.instance_path(sid))
        return doc

    def list_page(self, query: Form, ctx: Context) -> JsonObject:
        request = parse_page_request(query)
        # An empty filter value is treated as "no filter", like an omitted one.
        active = [p for p in self.filters if query.get(p.wire)]
        where = parse_params(query, active)
        page = self.page(ctx.account_sid, where, request)
        return envelope(
            key=self.list_key,
            records=[self.render(doc, ctx) for doc in page.docs],
            page=page,
            request=request,
            list_url=ctx.base_url + self.list_path,
            filters=[(p.wire, query.get(p.wire) or "") for p in active],
        )

    def page(self, account_sid: str, where: dict[str, Scalar], request: PageRequest) -> Page:
        """One page in listing order, walking forward from a ``next`` cursor or back from a ``prev`` one."""
        forward: Order = "desc" if self.newest_first else "asc"
        backward: Order = "asc" if self.newest_first else "desc"

        def scan(order: Order, beyond: int | None, *, offset: int = 0, limit: int) -> list[tuple[int, Doc]]:
            # "beyond" is exclusive and relative to the scan direction.
            after = before = None
            if beyond is not None:
                if order == "asc":
                    after = beyond
                else:
                    before = beyond
            return self.store.scan(
                self.kind,
                account_sid,
                where=where,
                seq_after=after,
                seq_before=before,
                order=order,
                offset=offset,
                limit=limit,
            )

        size = request.page_size
        cursor: Cursor | None = request.cursor
        if cursor is None or cursor.direction == "next":
            start = None if cursor is None else cursor.seq
            rows = scan(forward, start, offset=request.offset, limit=size + 1)
            has_next, rows = len(rows) > size, rows[:size]
            has_prev = bool(rows) and bool(scan(backward, rows[0][0], limit=1))
        else:
            rows = scan(backward, cursor.seq, limit=size + 1)
            has_prev, rows = len(rows) > size, rows[:size][::-1]
            has_next = bool(rows) and bool(scan(forward, rows[-1][0], limit=1))
        return Page(
            docs=[doc for _, doc in rows],
            first_seq=rows[0][0] if rows else None,
            last_seq=rows[-1][0] if rows else None,
            has_next=has_next,
            has_prev=has_prev,
        )
