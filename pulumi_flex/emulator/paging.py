"""List paging shared by every list endpoint: ``PageSize``, ``Page``, ``PageToken`` and the ``meta`` envelope.

Page tokens are opaque to clients but really page: ``PA`` + base64url of ``next:<seq>`` or ``prev:<seq>``,
a keyset cursor on the store's insertion sequence, so pages stay stable while objects are created or deleted.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Literal
from urllib.parse import urlencode

from pydantic import AfterValidator

from pulumi_flex.emulator.validation import CLEARABLE, FormModel, form_int, validate
from pulumi_flex.emulator.wire import Form, JsonObject, invalid_parameter

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000
MAX_OFFSET = 2**62  # beyond any real list; keeps LIMIT/OFFSET within SQLite's signed 64-bit integers
TOKEN_PREFIX = "PA"

Direction = Literal["next", "prev"]
_TOKEN_BODY = re.compile(r"^(next|prev):(\d{1,18})$")


@dataclass(frozen=True)
class Cursor:
    """Continue listing after (``next``) or before (``prev``) the object with store sequence ``seq``."""

    direction: Direction
    seq: int


@dataclass(frozen=True)
class PageRequest:
    """The paging parameters of a list request: ``PageSize``, ``Page`` and ``PageToken`` (decoded)."""

    page_size: int
    page: int
    token: str | None
    cursor: Cursor | None

    @property
    def offset(self) -> int:
        """How many documents to skip: 0 with a cursor, else ``Page`` x ``PageSize``."""
        # Without a token, Page N means "skip N pages", so hand-built URLs still work. Clamped so a huge Page
        # (any 18-digit number is accepted) is an empty page rather than an overflow in SQLite's 64-bit ints.
        return 0 if self.cursor is not None else min(self.page * self.page_size, MAX_OFFSET)


@dataclass(frozen=True)
class Page:
    """One page of documents, in listing order, with whether more exist on either side."""

    docs: Sequence[JsonObject]
    first_seq: int | None
    last_seq: int | None
    has_next: bool
    has_prev: bool


def encode_token(cursor: Cursor) -> str:
    """The opaque ``PageToken`` for ``cursor``: ``PA`` + base64url of ``<direction>:<seq>``."""
    raw = f"{cursor.direction}:{cursor.seq}".encode("ascii")
    return TOKEN_PREFIX + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_token(token: str) -> Cursor:
    """The cursor in a ``PageToken``; ValueError for a token this emulator did not make."""
    bad = ValueError("the page token is not valid")
    if not token.startswith(TOKEN_PREFIX):
        raise bad
    body = token[len(TOKEN_PREFIX) :]
    try:
        decoded = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("ascii")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise bad from None
    match = _TOKEN_BODY.match(decoded)
    if match is None:
        raise bad
    direction: Direction = "next" if match.group(1) == "next" else "prev"
    return Cursor(direction, int(match.group(2)))


def _valid_token(token: str | None) -> str | None:
    if token is not None:
        decode_token(token)
    return token


class PagingParams(FormModel):
    """``PageSize`` 1-1000 (default 50), ``Page`` from 0, ``PageToken`` (empty: none)."""

    page_size: Annotated[int, form_int(1, MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE
    page: Annotated[int, form_int(0, None)] = 0
    page_token: Annotated[str | None, AfterValidator(_valid_token), CLEARABLE] = None


def parse_page_request(query: Form, max_page_size: int = MAX_PAGE_SIZE) -> PageRequest:
    """Read the paging parameters; a bad one (a page token this emulator did not make too) is a 400. A few
    lists allow fewer than 1000 records a page (``max_page_size``, e.g. 50 for address configurations)."""
    params = validate(PagingParams, query)
    if params.page_size > max_page_size:
        raise invalid_parameter("PageSize", f"must be between 1 and {max_page_size}, got {params.page_size}")
    token = params.page_token
    cursor = decode_token(token) if token is not None else None
    return PageRequest(page_size=params.page_size, page=params.page, token=token, cursor=cursor)


def envelope(
    *,
    key: str,
    records: list[JsonObject],
    page: Page,
    request: PageRequest,
    list_url: str,
    filters: Sequence[tuple[str, str]],
) -> JsonObject:
    """The list body: ``{key: [...], meta: {...}}`` with absolute URLs a client can follow verbatim."""

    def page_url(number: int, token: str | None) -> str:
        # Filters come before PageSize, as in Twilio's own meta URLs.
        params: list[tuple[str, str]] = [
            *filters,
            ("PageSize", str(request.page_size)),
            ("Page", str(number)),
        ]
        if token is not None:
            params.append(("PageToken", token))
        return f"{list_url}?{urlencode(params)}"

    next_url = None
    if page.has_next and page.last_seq is not None:
        next_url = page_url(request.page + 1, encode_token(Cursor("next", page.last_seq)))
    previous_url = None
    if page.has_prev and page.first_seq is not None:
        previous_url = page_url(max(request.page - 1, 0), encode_token(Cursor("prev", page.first_seq)))
    return {
        key: records,
        "meta": {
            "page": request.page,
            "page_size": request.page_size,
            "first_page_url": page_url(0, None),
            "previous_page_url": previous_url,
            "url": page_url(request.page, request.token),
            "next_page_url": next_url,
            "key": key,
        },
    }
