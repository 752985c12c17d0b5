"""What every Flex object family shares: SIDs, dates, store access, fetch/update/delete and paged lists.

A family subclasses :class:`Collection`, declares its kind, SID prefix, path, list key and filters, and
implements the rules: how a create body becomes a document (its parameters declared as ``validation`` models),
how an update changes it, and how a document is rendered as Twilio's JSON. The generic operations here do the
rest.
"""

from __future__ import annotations

import copy
import hashlib
import secrets
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Literal, Self

from pulumi_flex.emulator.paging import (
    MAX_PAGE_SIZE,
    Cursor,
    Page,
    PageRequest,
    envelope,
    parse_page_request,
)
from pulumi_flex.emulator.store import Condition, Doc, Order, Store
from pulumi_flex.emulator.validation import FormModel, validate
from pulumi_flex.emulator.wire import Form, JsonObject, format_date, not_found, sid_pattern, utcnow

# "archive" (``POST list_path/{Sid}/Archive``) is opt-in: families that have it list it in ``operations``.
Operation = Literal["list", "create", "fetch", "update", "delete", "archive"]
ALL_OPERATIONS: frozenset[Operation] = frozenset({"list", "create", "fetch", "update", "delete"})

# Services other than Flex are served under a prefix named after their host (taskrouter.twilio.com ->
# <base>/taskrouter); Flex stays at the root. A family's list_path starts with its service's prefix.
TASKROUTER_V1 = "/taskrouter/v1"
STUDIO_V2 = "/studio/v2"
CONVERSATIONS_V1 = "/conversations/v1"


@dataclass(frozen=True)
class Context:
    """Who is calling and where the emulator is reachable, for account scoping and absolute URLs."""

    account_sid: str
    base_url: str  # scheme://host[:port] as the client addressed us, no trailing slash


def new_sid(prefix: str) -> str:
    """A fresh random SID: ``prefix`` and 32 lowercase hex digits."""
    return prefix + secrets.token_hex(16)


def stable_sid(prefix: str, account_sid: str, salt: str = "") -> str:
    """A SID that is stable per account (so a reset gives the same defaults), e.g. the account's workspace."""
    return prefix + hashlib.sha256(f"{account_sid}/{prefix}/{salt}".encode()).hexdigest()[:32]


def now() -> str:
    """The current time as Twilio renders dates (``2024-01-31T12:00:00Z``)."""
    return format_date(utcnow())


class Collection(ABC):
    """A list resource at ``list_path`` with instances at ``list_path/{Sid}``.

    A nested family (parts under a widget) sets ``parent_param`` and puts it in ``list_path``, e.g.
    ``/v1/Widgets/{WidgetSid}/Parts``. Routes then call :meth:`bind` with the path values, which (through
    :meth:`within`) gives a copy bound to the resolved parent: its documents are stored and listed under that
    parent, and :attr:`path` is ``list_path`` with the parent filled in. Families two levels deep
    (``…/Widgets/{WidgetSid}/Parts/{PartSid}/Bolts``) override :meth:`bind` and :attr:`path`. A family with
    ``encoding = "json"`` gets the decoded JSON body where others get the form.
    """

    kind: ClassVar[str]  # store kind
    sid_prefix: ClassVar[str]
    list_path: ClassVar[str]  # e.g. "/v1/Widgets"
    list_key: ClassVar[str]  # meta.key and the envelope key
    # Exact-match list filters, in meta-URL order: a model of CLEARABLE fields (an empty value is no filter).
    filters: ClassVar[type[FormModel] | None] = None
    newest_first: ClassVar[bool] = False
    operations: ClassVar[frozenset[Operation]] = ALL_OPERATIONS
    parent_param: ClassVar[str | None] = None  # nested families: the path parameter naming the parent
    instance_param: ClassVar[str] = "Sid"  # the instance path parameter (its name shows in stats keys)
    encoding: ClassVar[Literal["form", "json"]] = "form"  # "json": create/update get the decoded JSON body
    create_status: ClassVar[int] = 201  # some families answer a create with 200
    max_page_size: ClassVar[int] = MAX_PAGE_SIZE  # a few lists allow fewer records a page

    def __init__(self, store: Store) -> None:
        self.store = store
        self.parent = ""  # the resolved parent SID of a bound nested collection; "" for top-level ones

    # ---- rules, per family

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """Validate a create body and return the family's fields (no sid, account or dates).

        Families with "create" implement it; a JSON family widens ``form`` to ``object`` (the decoded body).
        """
        raise NotImplementedError(f"{type(self).__name__} has no create operation")

    def changed_fields(self, doc: Doc, form: Form, ctx: Context) -> Doc:
        """Validate an update body and return the document's new family fields (families with "update")."""
        raise NotImplementedError(f"{type(self).__name__} has no update operation")

    @abstractmethod
    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """The resource's JSON as Twilio returns it."""

    # ---- nesting

    def resolve_parent(self, raw: str, ctx: Context) -> str:
        """The parent SID named by path value ``raw``; nested families override it to 404 unknown parents."""
        return raw

    def within(self, raw_parent: str, ctx: Context) -> Self:
        """A copy of this collection bound to the parent named by ``raw_parent``."""
        bound = copy.copy(self)
        bound.parent = self.resolve_parent(raw_parent, ctx)
        return bound

    def bind(self, path_params: Mapping[str, str], ctx: Context) -> Self:
        """The collection a request addresses, given its path parameters: itself for a top-level family, else
        :meth:`within` its parent. Families nested two levels deep override it to resolve every level."""
        if self.parent_param is None:
            return self
        return self.within(path_params[self.parent_param], ctx)

    @property
    def path(self) -> str:
        """The list path, with the parent filled in for a bound nested collection."""
        if self.parent_param is None:
            return self.list_path
        return self.list_path.replace("{" + self.parent_param + "}", self.parent)

    # ---- generic operations

    def instance_path(self, sid: str) -> str:
        """The path of instance ``sid``, under the bound parent if any."""
        return f"{self.path}/{sid}"

    def instance_url(self, sid: str, ctx: Context) -> str:
        """The absolute URL of instance ``sid``, as Twilio puts it in ``url``."""
        return ctx.base_url + self.instance_path(sid)

    def create(self, form: Form, ctx: Context) -> JsonObject:
        """``POST list_path``: validate the body, store a new object and return its JSON."""
        return self.render(self.insert(self.new_fields(form, ctx), ctx), ctx)

    def insert(self, fields: Doc, ctx: Context) -> Doc:
        """Store a new document made of ``fields`` plus a fresh SID, the account and dates; return it."""
        stamp = now()
        doc: Doc = {
            **fields,
            "sid": new_sid(self.sid_prefix),
            "account_sid": ctx.account_sid,
            "date_created": stamp,
            "date_updated": stamp,
        }
        self.store.insert(self.kind, ctx.account_sid, doc["sid"], doc, parent=self.parent)
        return doc

    def fetch(self, sid: str, ctx: Context) -> JsonObject:
        """``GET list_path/{Sid}``: the object's JSON; unknown or malformed SIDs are a 404."""
        return self.render(self.require(sid, ctx), ctx)

    def update(self, sid: str, form: Form, ctx: Context) -> JsonObject:
        """``POST list_path/{Sid}``: apply the family's update rules and return the new JSON."""
        doc = self.require(sid, ctx)
        updated: Doc = {**doc, **self.changed_fields(doc, form, ctx), "date_updated": now()}
        # The path value may be an alias (a plugin's unique name); the store knows the object by its SID.
        if not self.store.replace(self.kind, ctx.account_sid, doc.get("sid", sid), updated):
            raise not_found(self.instance_path(sid))  # deleted concurrently
        return self.render(updated, ctx)

    def archive(self, sid: str, ctx: Context) -> JsonObject:
        """``POST …/{Sid}/Archive``; families listing "archive" in ``operations`` implement it."""
        raise NotImplementedError(f"{type(self).__name__} has no archive operation")

    def delete(self, sid: str, ctx: Context) -> None:
        """``DELETE list_path/{Sid}``: remove the object; unknown or malformed SIDs are a 404."""
        self.require_valid_sid(sid)
        if not self.store.delete(self.kind, ctx.account_sid, sid):
            raise not_found(self.instance_path(sid))

    def require_valid_sid(self, sid: str) -> None:
        """404 for a SID without this family's prefix and 32 hex digits."""
        # A malformed SID cannot name anything, so Twilio answers 404 rather than 400.
        if not sid_pattern(self.sid_prefix).match(sid):
            raise not_found(self.instance_path(sid))

    def require(self, sid: str, ctx: Context) -> Doc:
        """The stored document of ``sid`` in the caller's account, or a 404."""
        self.require_valid_sid(sid)
        doc = self.store.get(self.kind, ctx.account_sid, sid)
        if doc is None:
            raise not_found(self.instance_path(sid))
        return doc

    def list_where(self, query: Form) -> tuple[dict[str, Condition], list[tuple[str, str]]]:
        """The store filter for a list query, and the filter parameters to repeat in the meta URLs.

        By default the ``filters`` are exact matches; families with other filters (repeated values, flags)
        override this.
        """
        if self.filters is None:
            return {}, []
        where = validate(self.filters, query).model_dump(exclude_none=True)
        fields = self.filters.model_fields
        wire_names = [fields[name].alias or name for name in where]
        return where, [(wire, query.get(wire) or "") for wire in wire_names]

    def list_page(self, query: Form, ctx: Context) -> JsonObject:
        """``GET list_path``: one page of rendered objects in Twilio's list envelope."""
        request = parse_page_request(query, self.max_page_size)
        where, filters = self.list_where(query)
        page = self.page(ctx.account_sid, where, request)
        return envelope(
            key=self.list_key,
            records=[self.render(doc, ctx) for doc in page.docs],
            page=page,
            request=request,
            list_url=ctx.base_url + self.path,
            filters=filters,
        )

    def page(self, account_sid: str, where: Mapping[str, Condition], request: PageRequest) -> Page:
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
                parent=self.parent,
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


class Singleton(ABC):
    """A per-account object at one fixed ``path`` with no SID (``/v1/Settings``): fetch and update only.

    ``encoding`` says how update bodies arrive: a :class:`Form` for "form", the decoded JSON value (any type,
    None for an empty body) for "json".
    """

    path: ClassVar[str]
    encoding: ClassVar[Literal["form", "json"]] = "form"

    def __init__(self, store: Store) -> None:
        self.store = store

    @abstractmethod
    def fetch(self, query: Form, ctx: Context) -> JsonObject:
        """The object's JSON; ``query`` holds the GET parameters."""

    @abstractmethod
    def update(self, body: object, ctx: Context) -> JsonObject:
        """Apply an update body and return the object's new JSON."""
