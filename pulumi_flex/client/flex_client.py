"""FlexClient: an httpx client for the Flex API.

Handles Basic auth, the base URL (region, edge or an explicit URL such as the emulator),
Twilio-format errors, and paging that follows ``meta.next_page_url``. One instance is safe
to share between threads: httpx's connection pool is thread-safe and the client keeps no
per-request state.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from typing import Any, NoReturn
from urllib.parse import urlencode, urlsplit

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception

from .._version import __version__
from ..specs import ResourceSpec
from .collection import Collection, Singleton
from .collections import TypedCollections
from .credentials import FlexCredentials
from .errors import FlexApiError, FlexError, FlexTransportError
from .limiter import AdaptiveLimit
from .retry import (
    RETRYABLE_STATUS,
    FlexAmbiguousError,
    RetryPolicy,
    deadline_error,
    sent_but_unanswered,
    should_retry,
)
from .runtime_objects import Interactions

Record = dict[str, Any]
FormData = Sequence[tuple[str, str]] | Mapping[str, str]

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
_FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}
DEFAULT_PAGE_SIZE = 1000  # Twilio's maximum: the fewest calls per listing
DEFAULT_CONCURRENCY = 16  # requests in flight per client at most (the provider host's widened pool)


class FlexClient(TypedCollections):
    """A client for one Twilio account's Flex API.

    ``FlexClient(FlexCredentials(...))`` or ``FlexClient.from_env()``. Pass ``transport`` to
    inject an httpx transport (for example ``httpx.MockTransport``) instead of the network.
    """

    def __init__(
        self,
        credentials: FlexCredentials,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> None:
        self.credentials = credentials
        self.retry = retry or RetryPolicy()
        # Requests in flight adapt to Twilio's 429s; the pool keeps a connection per slot.
        self.limit = AdaptiveLimit(concurrency)
        self._collections: dict[str, Collection] = {}
        self.base_url = credentials.api_root
        self._http = httpx.Client(
            base_url=self.base_url,
            auth=credentials.basic_auth,
            timeout=timeout,
            transport=transport,
            headers={"User-Agent": f"pulumi-flex/{__version__}", "Accept": "application/json"},
            # Plain http (the emulator) never uses TLS: skip loading the CA bundle into an SSL context.
            verify=not self.base_url.startswith("http://"),
            limits=httpx.Limits(max_connections=max(concurrency, 10), max_keepalive_connections=concurrency),
        )

    @classmethod
    def from_env(cls, **kwargs: Any) -> FlexClient:
        """Credentials from ``TWILIO_*`` and ``FLEX_BASE_URL``; the retry deadline from
        ``FLEX_RETRY_DEADLINE`` (seconds) when set."""
        deadline = os.environ.get("FLEX_RETRY_DEADLINE")
        if deadline and "retry" not in kwargs:
            kwargs["retry"] = RetryPolicy(deadline=float(deadline))
        return cls(FlexCredentials.resolve(), **kwargs)

    @property
    def account_sid(self) -> str:
        """The SID (``AC…``) of the account this client acts for."""
        return self.credentials.account_sid

    def close(self) -> None:
        """Close the pooled HTTP connections; the client cannot be used afterwards."""
        self._http.close()

    def __enter__(self) -> FlexClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- collections -------------------------------------------------------------------------

    def collection(self, spec: ResourceSpec) -> Collection:
        """CRUD on ``spec``'s endpoints (built once per client and spec)."""
        found = self._collections.get(spec.name)
        if found is None:
            found = self._collections.setdefault(spec.name, Collection(self, spec))
        return found

    def singleton(self, spec: ResourceSpec) -> Singleton:
        """Fetch and update of the per-account singleton ``spec`` (such as the Flex configuration)."""
        return Singleton(self, spec)

    @cached_property
    def interactions(self) -> Interactions:
        """``/v1/Interactions`` and their channels, invites, participants and transfers."""
        return Interactions(self)

    def answer_sets(self) -> Record:
        """The Insights answer sets: the valid ``answer_set_id`` values of questions."""
        record = self.questionnaire_questions.read_path("answer_sets")
        if record is None:
            raise FlexError("the Insights AnswerSets endpoint answered 404")
        return record

    # --- transport --------------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        form: FormData | None = None,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
        service: str = "flex",
    ) -> Record | None:
        """Send one logical request, retrying per ``self.retry``; return the JSON body (``None`` for
        a 204) or raise ``FlexApiError``. ``idempotent`` defaults to True for GET and DELETE; a
        non-idempotent request whose outcome is unknown raises ``FlexAmbiguousError``. ``path`` is
        relative to ``service``'s root (``flex`` by default), or an absolute URL on that root."""
        if service != "flex" and not path.startswith(("http://", "https://")):
            path = self.credentials.service_root(service) + path
        safe = method in ("GET", "DELETE") if idempotent is None else idempotent
        content = None
        if form is not None:
            # Encoded here so repeated keys (lists) keep their order, as Twilio's clients send them.
            content = urlencode(list(form.items()) if isinstance(form, Mapping) else list(form))
        policy = self.retry

        def give_up(state: RetryCallState) -> NoReturn:
            raise deadline_error(state, policy) from (state.outcome.exception() if state.outcome else None)

        retrying = Retrying(
            retry=retry_if_exception(lambda error: should_retry(error, safe)),
            wait=policy.wait(),
            stop=policy.stop(),
            retry_error_callback=give_up,
            before_sleep=lambda state: report_progress(state, method, path, policy),
        )
        for attempt in retrying:
            with attempt:
                return self._send(method, path, content, json, params, safe)
        raise AssertionError("unreachable: tenacity returns or raises")  # pragma: no cover

    def _send(
        self,
        method: str,
        path: str,
        content: str | None,
        json: Any,
        params: Mapping[str, Any] | None,
        safe: bool,
    ) -> Record | None:
        try:
            with self.limit:
                response = self._http.request(
                    method,
                    path,
                    content=content,
                    json=json,
                    # None, not {}: an empty params would strip the query of a followed next_page_url.
                    params=httpx.QueryParams(params) if params else None,
                    headers=_FORM_HEADERS if content is not None else None,
                )
            if response.status_code == 429:
                self.limit.throttled()
            else:
                self.limit.succeeded()
        except httpx.TransportError as exc:
            sent = sent_but_unanswered(exc)
            unreachable = FlexTransportError(
                f"cannot reach the Flex API at {self.base_url} ({method} {path}): {exc!r}", sent=sent
            )
            if sent and not safe:
                raise FlexAmbiguousError(method, path, unreachable) from exc
            raise unreachable from exc
        if response.is_success:
            if response.status_code == 204 or not response.content:
                return None
            body: Record = response.json()
            return body
        error = _api_error(response, method, path)
        if not safe and response.status_code in RETRYABLE_STATUS:
            raise FlexAmbiguousError(method, path, error)
        raise error

    def paginate(
        self,
        path: str,
        key: str,
        params: Mapping[str, Any] | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        *,
        service: str = "flex",
    ) -> Iterator[Record]:
        """Every record of a list endpoint, following ``next_page_url`` verbatim."""
        query = {**(params or {}), "PageSize": page_size}
        page = self.request("GET", path, params=query, service=service)
        while page is not None:
            yield from page.get(key, [])
            next_url = (page.get("meta") or {}).get("next_page_url")
            if not next_url:
                return
            page = self.request("GET", self._same_origin(next_url, service), service=service)

    def _same_origin(self, url: str, service: str = "flex") -> str:
        """Credentials only ever go to the configured API host of ``service``."""
        root = self.credentials.service_root(service)
        target, base = urlsplit(url), urlsplit(root)
        if (target.scheme, target.netloc) != (base.scheme, base.netloc):
            raise FlexTransportError(f"refusing to follow a next_page_url on another host: {target.netloc}")
        if service != "flex":
            return url  # absolute: its path carries the service's prefix (or its own host)
        return target.path + (f"?{target.query}" if target.query else "")


log = logging.getLogger("pulumi_flex.client")
PROGRESS_AFTER = 3.0  # seconds of retrying before each further attempt is reported


def report_progress(state: RetryCallState, method: str, path: str, policy: RetryPolicy) -> None:
    """Log a long retry (attempt n, seconds waited, the last error) at WARNING: the provider
    process shows these lines in the engine's output, so a slow outage is never silent."""
    waited = state.seconds_since_start or 0.0
    if waited < PROGRESS_AFTER:
        return
    error = state.outcome.exception() if state.outcome else None
    log.warning(
        "%s %s: attempt %d failed (%s); retrying, %.0fs of the %gs retry deadline used",
        method,
        path,
        state.attempt_number,
        error,
        waited,
        policy.deadline,
    )


def _api_error(response: httpx.Response, method: str, path: str) -> FlexApiError:
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        body = {}
    retry_after = response.headers.get("Retry-After")
    return FlexApiError(
        retry_after=float(retry_after) if retry_after and retry_after.replace(".", "", 1).isdigit() else None,
        status=response.status_code,
        code=body.get("code"),
        message=str(body.get("message") or response.reason_phrase or "unexpected response"),
        more_info=body.get("more_info"),
        method=method,
        path=path,
        details=body.get("details"),
    )
