"""The HTTP floor: the API calls our run made, replayed with a bare httpx loop against the same emulator.

Our run's calls arrive as ``{"METHOD /path/template": count}`` (the emulator's stats). Each template is turned
into that many concrete requests, which are then sent through **one keep-alive ``httpx.Client`` shared by 16
threads**, mirroring the provider process, which serves 16 calls at once (``flex:maxConcurrency``, default
16: ``pulumi_flex.provider.host`` widens the host's ``ThreadPoolExecutor(max_workers=4)``). Only the sending
is timed.

Requests need objects to act on. They come from :class:`Fixtures`, created untimed before the clock starts:

* a create (``POST list``) makes a new object, with a unique name where the API wants one, under a *parent*
  fixture when the family is nested or refers to another object (a channel's flow, a version's plugin);
* a fetch or update acts on an object of the family's *pool*; a delete or archive consumes one, so pool
  objects never have dependents (deleting a category a question uses would be refused);
* the account's Configuration singleton is fetched and updated in place.

Objects created by a timed create join the pool, so one stack's operations can run in order (up, update,
refresh, destroy) on the same objects, as ours do.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx

THREADS = 16  # the calls pulumi_flex serves at once (flex:maxConcurrency default; the host alone: 4)
PS = "/v1/PluginService"
QM = "/v1/Insights/QualityManagement"
TR = "/taskrouter/v1/Workspaces"  # each service under its prefix, as the emulator serves them
STUDIO_FLOWS = "/studio/v2/Flows"
ADDRESSES = "/conversations/v1/Configuration/Addresses"
FLOOR_DEFINITION = json.dumps(
    {
        "description": "floor",
        "initial_state": "Trigger",
        "flags": {"allow_concurrent_calls": True},
        "states": [{"name": "Trigger", "type": "trigger", "transitions": [], "properties": {}}],
    }
)
CONFIGURATION = "/v1/Configuration"
SID = re.compile(r"/[A-Z]{2}[0-9a-f]{32}")


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    form: dict[str, str | list[str]] | None = None
    json: Any = None


@dataclass(frozen=True)
class Family:
    """A collection of the Flex API: its list template (parents as ``{Parent}``) and how to make one."""

    name: str
    template: str  # e.g. "/v1/PluginService/Plugins/{PluginSid}/Versions"
    sid_field: str
    new: Callable[[Fixtures, int], dict[str, str | list[str]]]  # create form; int = a unique number
    change: Callable[[Fixtures, int], dict[str, str | list[str]]] | None = None  # update form
    parent: str | None = None  # the family whose SID fills the template's placeholder

    def path(self, fixtures: Fixtures) -> str:
        if self.parent is None:
            return self.template
        return re.sub(r"\{[^}]+\}", fixtures.parent(self.parent), self.template)


def _flow(_fx: Fixtures, n: int) -> dict[str, str | list[str]]:
    return {
        "FriendlyName": f"floor flow {n}",
        "ChatServiceSid": "IS" + "1" * 32,
        "ChannelType": "sms",
        "IntegrationType": "external",
        "Integration.Url": f"https://hooks.example.com/floor/{n}",
        "Integration.RetryCount": "1",
        "Enabled": "true",
    }


FAMILIES: dict[str, Family] = {
    family.name: family
    for family in (
        Family("flow", "/v1/FlexFlows", "sid", _flow, lambda _fx, n: {"FriendlyName": f"floor flow {n}*"}),
        Family(
            "web_channel",
            "/v1/WebChannels",
            "sid",
            lambda fx, n: {
                "FlexFlowSid": fx.parent("flow"),
                "Identity": f"visitor-{n}",
                "CustomerFriendlyName": "Customer",
                "ChatFriendlyName": "Chat",
                "PreEngagementData": json.dumps({"q": "hello"}),
            },
            lambda _fx, n: {"PostEngagementData": json.dumps({"n": n})},
        ),
        Family(
            "plugin",
            f"{PS}/Plugins",
            "sid",
            lambda _fx, n: {"UniqueName": f"floor-plugin-{n}", "FriendlyName": "Floor plugin"},
            lambda _fx, n: {"FriendlyName": f"Floor plugin {n}"},
        ),
        Family(
            "version",
            f"{PS}/Plugins/{{PluginSid}}/Versions",
            "sid",
            lambda _fx, n: {"Version": f"1.0.{n}", "PluginUrl": f"https://assets.example.com/floor/{n}.js"},
            parent="plugin",
        ),
        Family(
            "configuration",
            f"{PS}/Configurations",
            "sid",
            lambda fx, n: {
                "Name": f"floor {n}",
                "Plugins": [json.dumps({"plugin_version": fx.parent("version"), "phase": 3})],
            },
        ),
        Family(
            "release", f"{PS}/Releases", "sid", lambda fx, _n: {"ConfigurationId": fx.parent("configuration")}
        ),
        Family(
            "category",
            f"{QM}/Categories",
            "category_sid",
            lambda _fx, n: {"Name": f"floor category {n}"},
            lambda _fx, n: {"Name": f"floor category {n}*"},
        ),
        Family(
            "question",
            f"{QM}/Questions",
            "question_sid",
            lambda fx, n: {
                "CategorySid": fx.parent("category"),
                "Question": f"floor question {n}?",
                "AnswerSetId": fx.answer_set,
                "AllowNa": "true",
            },
            lambda _fx, n: {"Question": f"floor question {n}?*", "AllowNa": "true"},
        ),
        Family(
            "questionnaire",
            f"{QM}/Questionnaires",
            "questionnaire_sid",
            lambda fx, n: {
                "Name": f"floor review {n}",
                "Active": "true",
                "QuestionSids": [fx.parent("question")],
            },
            lambda _fx, n: {"Name": f"floor review {n}*", "Active": "true"},
        ),
        # The contact center: TaskRouter, Studio and Conversations.
        Family(
            "workspace",
            TR,
            "sid",
            lambda _fx, n: {"FriendlyName": f"floor workspace {n}", "MultiTaskEnabled": "true"},
            lambda _fx, n: {"FriendlyName": f"floor workspace {n}*"},
        ),
        Family(
            "activity",
            f"{TR}/{{WorkspaceSid}}/Activities",
            "sid",
            lambda _fx, n: {"FriendlyName": f"floor activity {n}", "Available": "false"},
            lambda _fx, n: {"FriendlyName": f"floor activity {n}*"},
            parent="workspace",
        ),
        Family(
            "task_channel",
            f"{TR}/{{WorkspaceSid}}/TaskChannels",
            "sid",
            lambda _fx, n: {"FriendlyName": f"floor channel {n}", "UniqueName": f"floor{n}"},
            lambda _fx, n: {"FriendlyName": f"floor channel {n}*"},
            parent="workspace",
        ),
        Family(
            "task_queue",
            f"{TR}/{{WorkspaceSid}}/TaskQueues",
            "sid",
            lambda _fx, n: {
                "FriendlyName": f"floor queue {n}",
                "TargetWorkers": f'routing.skills HAS "floor-{n}"',
                "MaxReservedWorkers": "1",
                "TaskOrder": "FIFO",
            },
            lambda _fx, n: {"FriendlyName": f"floor queue {n}*"},
            parent="workspace",
        ),
        Family(
            "workflow",
            f"{TR}/{{WorkspaceSid}}/Workflows",
            "sid",
            lambda fx, n: {
                "FriendlyName": f"floor workflow {n}",
                "Configuration": json.dumps(
                    {"task_routing": {"filters": [], "default_filter": {"queue": fx.parent("task_queue")}}}
                ),
            },
            lambda _fx, n: {"FriendlyName": f"floor workflow {n}*"},
            parent="workspace",
        ),
        Family(
            "studio_flow",
            STUDIO_FLOWS,
            "sid",
            lambda _fx, n: {
                "FriendlyName": f"floor flow {n}",
                "Status": "published",
                "Definition": FLOOR_DEFINITION,
            },
            lambda _fx, n: {"FriendlyName": f"floor flow {n}*", "Status": "published"},
        ),
        Family(
            "address_configuration",
            ADDRESSES,
            "sid",
            lambda fx, n: {
                "Type": "sms",
                "Address": f"+1555020{n:04d}",
                "AutoCreation.Enabled": "true",
                "AutoCreation.Type": "studio",
                "AutoCreation.StudioFlowSid": fx.parent("studio_flow"),
            },
            lambda _fx, n: {"FriendlyName": f"floor address {n}*"},
        ),
    )
}


def shape(template: str) -> str:
    """A template with its placeholder names erased: ``/a/{X}/b`` -> ``/a/{}/b``."""
    return re.sub(r"\{[^}]*\}", "{}", template)


_BY_SHAPE = {shape(family.template): family for family in FAMILIES.values()}


@dataclass
class Fixtures:
    """Objects the replayed requests act on, made untimed, and the pools of live objects per family."""

    client: httpx.Client
    answer_set: str
    account_sid: str
    parents: dict[str, str] = field(default_factory=dict)
    pools: dict[str, list[str]] = field(default_factory=dict)
    _numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def number(self) -> int:
        with self._lock:
            return next(self._numbers)

    def parent(self, family: str) -> str:
        """A long-lived object of ``family`` that requests may refer to; never deleted by the replay."""
        if family not in self.parents:
            self.parents[family] = self.create(FAMILIES[family])
        return self.parents[family]

    def create(self, family: Family) -> str:
        response = self.client.post(family.path(self), data=family.new(self, self.number()))
        response.raise_for_status()
        sid: str = response.json()[family.sid_field]
        return sid

    def pool(self, family: Family, count: int) -> list[str]:
        """``count`` live objects of ``family`` (made untimed as needed), without taking them."""
        live = self.pools.setdefault(family.name, [])
        while len(live) < count:
            live.append(self.create(family))
        return live[:count]

    def take(self, family: Family, count: int) -> list[str]:
        """``count`` objects that the caller will delete or archive."""
        sids = self.pool(family, count)
        del self.pools[family.name][:count]
        return sids

    def created(self, family: Family, sid: str) -> None:
        with self._lock:
            self.pools.setdefault(family.name, []).append(sid)


@dataclass
class Plan:
    """The concrete requests for one operation, and the templates that could not be replayed."""

    requests: list[tuple[Request, Family | None]] = field(default_factory=list)
    unreplayed: dict[str, int] = field(default_factory=dict)


def plan(calls: Mapping[str, int], fixtures: Fixtures) -> Plan:
    """Turn ``{"METHOD template": n}`` into requests, making the fixtures they need (untimed)."""
    result = Plan()
    for key, count in sorted(calls.items()):
        method, template = key.split(" ", 1)
        requests = _requests(method, template, count, fixtures)
        if requests is None:
            result.unreplayed[key] = count
        else:
            result.requests.extend(requests)
    return result


def _requests(
    method: str, template: str, count: int, fx: Fixtures
) -> list[tuple[Request, Family | None]] | None:
    if template == CONFIGURATION:
        if method == "GET":
            return [(Request("GET", CONFIGURATION), None)] * count
        if method == "POST":
            body = {"account_sid": fx.account_sid, "ui_language": "en-GB"}
            return [(Request("POST", CONFIGURATION, json=body), None)] * count
        return None
    form = shape(template)
    archive = form.endswith("/{}/Archive")
    if archive:
        form = form.removesuffix("/Archive")
    instance = form.endswith("/{}") and form.removesuffix("/{}") in _BY_SHAPE
    family = _BY_SHAPE.get(form.removesuffix("/{}") if instance else form)
    if family is None:
        return None
    if not instance:
        if method == "POST":
            path = family.path(fx)
            return [(Request("POST", path, form=family.new(fx, fx.number())), family) for _ in range(count)]
        if method == "GET":
            return [(Request("GET", family.path(fx)), None)] * count
        return None
    if archive and method == "POST":
        return [(Request("POST", f"{family.path(fx)}/{sid}/Archive"), None) for sid in fx.take(family, count)]
    if method == "DELETE":
        return [(Request("DELETE", f"{family.path(fx)}/{sid}"), None) for sid in fx.take(family, count)]
    if method == "GET":
        return [(Request("GET", f"{family.path(fx)}/{sid}"), None) for sid in fx.pool(family, count)]
    if method == "POST" and family.change is not None:
        sids = fx.pool(family, 1) * count  # one object, updated ``count`` times
        return [
            (Request("POST", f"{family.path(fx)}/{sid}", form=family.change(fx, fx.number())), None)
            for sid in sids
        ]
    return None


@dataclass
class FloorResult:
    wall_s: float
    requests: int
    errors: dict[str, int]  # "status METHOD template-ish path" -> count; should stay empty
    unreplayed: dict[str, int]
    threads: int = THREADS

    def to_json(self) -> dict[str, Any]:
        return {
            "wall_s": round(self.wall_s, 4),
            "requests": self.requests,
            "threads": self.threads,
            "errors": self.errors,
            "unreplayed": self.unreplayed,
        }


def replay(calls: Mapping[str, int], fixtures: Fixtures, *, threads: int = THREADS) -> FloorResult:
    """Send the requests behind ``calls`` on ``threads`` threads through ``fixtures.client``; time only
    that."""
    todo = plan(calls, fixtures)
    errors: dict[str, int] = {}
    lock = threading.Lock()

    def send(item: tuple[Request, Family | None]) -> None:
        request, created = item
        response = fixtures.client.request(request.method, request.path, data=request.form, json=request.json)
        if response.status_code >= 400:
            with lock:
                key = f"{response.status_code} {request.method} {SID.sub('/{}', request.path)}"
                errors[key] = errors.get(key, 0) + 1
        elif created is not None:
            fixtures.created(created, response.json()[created.sid_field])

    started = time.perf_counter()
    if todo.requests:
        with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="floor") as pool:
            list(pool.map(send, todo.requests))
    wall = time.perf_counter() - started if todo.requests else 0.0
    return FloorResult(wall, len(todo.requests), errors, todo.unreplayed, threads)


def client(base_url: str, account_sid: str, auth_token: str, *, threads: int = THREADS) -> httpx.Client:
    """One keep-alive client for every thread, with a connection for each."""
    return httpx.Client(
        base_url=base_url,
        auth=(account_sid, auth_token),
        timeout=30.0,
        trust_env=False,
        limits=httpx.Limits(max_connections=threads, max_keepalive_connections=threads),
    )
