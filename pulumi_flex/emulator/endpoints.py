"""The glue between routes and models: an :class:`Endpoint` maps HTTP methods on one path template to
handlers, and :func:`collection_endpoints` gives any :class:`Collection` its standard Twilio routes.

Handlers are plain synchronous functions of a parsed, authenticated :class:`Call`; the dispatcher runs them
on a worker thread, so models may block on SQLite without stalling the event loop.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from starlette.responses import Response

from pulumi_flex.emulator.models.base import Collection, Context
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
    template: str  # Starlette path template, e.g. "/v1/FlexFlows/{Sid}"; also the stats key
    handlers: Mapping[str, Handler]  # by HTTP method
    encoding: Encoding = "form"  # how POST bodies are encoded (Configuration will use "json")


def collection_endpoints(collection: Collection) -> list[Endpoint]:
    """``GET|POST list_path`` and ``GET|POST|DELETE list_path/{Sid}``, limited to the family's operations."""
    ops = collection.operations
    on_list: dict[str, Handler] = {}
    on_instance: dict[str, Handler] = {}
    if "list" in ops:
        on_list["GET"] = lambda call: json_response(collection.list_page(call.query, call.ctx))
    if "create" in ops:
        on_list["POST"] = lambda call: json_response(collection.create(call.form, call.ctx), status=201)
    if "fetch" in ops:
        on_instance["GET"] = lambda call: json_response(collection.fetch(call.path_params["Sid"], call.ctx))
    if "update" in ops:
        on_instance["POST"] = lambda call: json_response(
            collection.update(call.path_params["Sid"], call.form, call.ctx)
        )
    if "delete" in ops:
        on_instance["DELETE"] = lambda call: _deleted(collection, call)
    endpoints = []
    if on_list:
        endpoints.append(Endpoint(collection.list_path, on_list))
    if on_instance:
        endpoints.append(Endpoint(collection.list_path + "/{Sid}", on_instance))
    return endpoints


def _deleted(collection: Collection, call: Call) -> Response:
    collection.delete(call.path_params["Sid"], call.ctx)
    return empty_response(204)
