"""The glue between routes and models: an :class:`Endpoint` maps HTTP methods on one path template to
handlers, :func:`collection_endpoints` gives any :class:`Collection` its standard Twilio routes (nested under
a parent and with ``/Archive`` where the family says so), and :func:`singleton_endpoints` serves a
:class:`Singleton`.

Handlers are plain synchronous functions of a parsed, authenticated :class:`Call`; the dispatcher runs them
on a worker thread, so models may block on SQLite without stalling the event loop.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from starlette.responses import Response

from pulumi_flex.emulator.models.base import Collection, Context, Singleton
from pulumi_flex.emulator.wire import Form, empty_response, json_response


@dataclass(frozen=True)
class Call:
    """One authenticated Twilio API request, parsed."""

    method: str
    path: str
    path_params: Mapping[str, str]
    ctx: Context
    query: Form
    form: Form = field(default_factory=Form)  # url-encoded body of a form endpoint
    json: Any = None  # decoded body of a JSON endpoint


Handler = Callable[[Call], Response]
Encoding = Literal["form", "json"]


@dataclass(frozen=True)
class Endpoint:
    """One path template and its handlers by HTTP method; the template is also the stats key."""

    template: str  # Starlette path template, e.g. "/v1/Widgets/{Sid}"; also the stats key
    handlers: Mapping[str, Handler]  # by HTTP method
    encoding: Encoding = "form"  # how POST bodies are encoded ("json" for the few JSON families)


def collection_endpoints(collection: Collection) -> list[Endpoint]:
    """``GET|POST list_path``, ``GET|POST|DELETE list_path/{Sid}`` and ``POST list_path/{Sid}/Archive``,
    limited to the family's operations. A nested family's handlers run on the collection bound to the parent
    named in the path (which 404s when that parent does not exist)."""
    ops = collection.operations
    param = collection.instance_param

    def bound(call: Call) -> Collection:
        return collection.bind(call.path_params, call.ctx)

    def body(call: Call) -> Any:
        # A JSON family gets the decoded JSON body; every other family the form.
        return call.json if collection.encoding == "json" else call.form

    on_list: dict[str, Handler] = {}
    on_instance: dict[str, Handler] = {}
    on_archive: dict[str, Handler] = {}
    if "list" in ops:
        on_list["GET"] = lambda call: json_response(bound(call).list_page(call.query, call.ctx))
    if "create" in ops:
        on_list["POST"] = lambda call: json_response(
            bound(call).create(body(call), call.ctx), status=collection.create_status
        )
    if "fetch" in ops:
        on_instance["GET"] = lambda call: json_response(bound(call).fetch(call.path_params[param], call.ctx))
    if "update" in ops:
        on_instance["POST"] = lambda call: json_response(
            bound(call).update(call.path_params[param], body(call), call.ctx)
        )
    if "delete" in ops:
        on_instance["DELETE"] = lambda call: _deleted(bound(call), call.path_params[param], call)
    if "archive" in ops:
        on_archive["POST"] = lambda call: json_response(
            bound(call).archive(call.path_params[param], call.ctx)
        )
    instance_template = f"{collection.list_path}/{{{param}}}"
    endpoints = []
    if on_list:
        endpoints.append(Endpoint(collection.list_path, on_list, encoding=collection.encoding))
    if on_instance:
        endpoints.append(Endpoint(instance_template, on_instance, encoding=collection.encoding))
    if on_archive:
        endpoints.append(Endpoint(instance_template + "/Archive", on_archive))
    return endpoints


def singleton_endpoints(singleton: Singleton) -> list[Endpoint]:
    """``GET path`` (fetch) and ``POST path`` (update, in the singleton's body encoding)."""

    def update(call: Call) -> Response:
        body = call.json if singleton.encoding == "json" else call.form
        return json_response(singleton.update(body, call.ctx))

    handlers: dict[str, Handler] = {
        "GET": lambda call: json_response(singleton.fetch(call.query, call.ctx)),
        "POST": update,
    }
    return [Endpoint(singleton.path, handlers, encoding=singleton.encoding)]


def _deleted(collection: Collection, sid: str, call: Call) -> Response:
    collection.delete(sid, call.ctx)
    return empty_response(204)
