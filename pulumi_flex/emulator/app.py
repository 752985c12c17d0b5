"""The Starlette application: which endpoints exist and where. Behaviour lives elsewhere:
the request pipeline in ``dispatch``, state and rules in ``models``, the wire format in ``wire``.
"""

from __future__ import annotations

import logging

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from pulumi_flex.emulator.accounts import Accounts, Credentials
from pulumi_flex.emulator.admin import LoopbackOnly, admin_routes
from pulumi_flex.emulator.dispatch import BodyLimits, Dispatcher
from pulumi_flex.emulator.endpoints import Endpoint, collection_endpoints, singleton_endpoints
from pulumi_flex.emulator.faults import Faults
from pulumi_flex.emulator.models import COLLECTIONS, SINGLETONS
from pulumi_flex.emulator.models.insights import ANSWER_SETS_PATH, answer_sets
from pulumi_flex.emulator.models.studio import VALIDATE_PATH, validate_flow
from pulumi_flex.emulator.provisioning import provision_accounts
from pulumi_flex.emulator.stats import Stats
from pulumi_flex.emulator.store import Store
from pulumi_flex.emulator.wire import TwilioError, internal_error, json_response

log = logging.getLogger("pulumi_flex.emulator")


def twilio_endpoints(store: Store) -> list[Endpoint]:
    """Every Twilio API endpoint the emulator serves, in matching order. Non-CRUD endpoints of later families
    go here too."""
    # Before the flows' {Sid} routes, which would otherwise take "Validate" for a SID.
    endpoints: list[Endpoint] = [
        Endpoint(VALIDATE_PATH, {"POST": lambda call: json_response(validate_flow(call.form))})
    ]
    for collection in COLLECTIONS:
        endpoints.extend(collection_endpoints(collection(store)))
    for singleton in SINGLETONS:
        endpoints.extend(singleton_endpoints(singleton(store)))
    # Read-only settings: GET only (any other method is a 405).
    endpoints.append(Endpoint(ANSWER_SETS_PATH, {"GET": lambda call: json_response(answer_sets(call.ctx))}))
    return endpoints


def create_app(
    accounts: Accounts | Credentials,
    store: Store,
    stats: Stats | None = None,
    faults: Faults | None = None,
    limits: BodyLimits | None = None,
) -> Starlette:
    """The app for ``accounts`` (or one account's credentials, plus the accounts ``store`` keeps).
    ``limits`` bound request bodies (default: 1 MiB, arriving within 10 seconds). Accounts not provisioned
    in ``store`` yet get Flex's default objects now (see ``provisioning``)."""
    if isinstance(accounts, Credentials):
        accounts = Accounts(accounts, store=store)
    provision_accounts(store, accounts.all())
    stats = stats if stats is not None else Stats()
    faults = faults if faults is not None else Faults()
    limits = limits if limits is not None else BodyLimits()
    dispatcher = Dispatcher(accounts, stats, faults, limits)
    routes: list[BaseRoute] = [dispatcher.route(endpoint) for endpoint in twilio_endpoints(store)]
    routes.extend(admin_routes(store, stats, faults, accounts, limits))

    async def twilio_error(request: Request, exc: Exception) -> Response:
        # Admin handlers raise TwilioError; the dispatcher answers its own.
        assert isinstance(exc, TwilioError)
        return exc.response()

    async def disconnected(request: Request, exc: Exception) -> Response:
        # The client went away before its body arrived: nothing to answer, and no bug.
        log.info("client disconnected before sending its whole body: %s %s", request.method, request.url.path)
        return Response(status_code=400)

    async def server_error(request: Request, exc: Exception) -> Response:
        # Last resort for bugs outside the dispatcher (admin routes, middleware).
        log.error("bug while serving %s %s", request.method, request.url.path, exc_info=exc)
        return internal_error().response()

    app = Starlette(
        routes=routes,
        middleware=[Middleware(LoopbackOnly)],
        exception_handlers={
            404: dispatcher.unmatched,
            405: dispatcher.unmatched,
            TwilioError: twilio_error,
            ClientDisconnect: disconnected,
            Exception: server_error,
        },
    )
    app.router.redirect_slashes = False  # Twilio answers 404 for a trailing slash, not a redirect
    return app
