"""Studio v2 flows (``studio.twilio.com/v2``, served under ``/studio/v2``; SID ``FW``) and their revisions:
state and rules. Source: Twilio's OpenAPI for Studio v2 and docs/twilio-api-notes.md §12.3.

* ``POST /v2/Flows``: ``FriendlyName``, ``Status`` (``draft``/``published``) and ``Definition`` (JSON text)
  are required, ``CommitMessage`` optional; 201. The flow starts at ``revision`` 1.
* ``POST /v2/Flows/{Sid}``: ``Status`` is required every time; ``FriendlyName``, ``Definition`` and
  ``CommitMessage`` are optional. **Every** update makes a new revision (``revision`` + 1), whether or not
  anything changed; the new revision's ``commit_message`` is the one sent (null without one).
* ``definition`` is returned as a JSON object. ``valid`` is true and ``errors``/``warnings`` are empty, since
  an invalid definition is never stored: it is refused. ``webhook_url`` is
  ``https://webhooks.twilio.com/v1/Accounts/{AccountSid}/Flows/{Sid}``; ``author_sid`` is null (no user
  made it). ``links`` name ``test_users``, ``revisions`` and ``executions`` as Twilio's do (only revisions
  are served).
* ``POST /v2/Flows/Validate`` takes a create's parameters and answers ``{"valid": true}`` without saving.
* ``GET /v2/Flows/{Sid}/Revisions`` lists revisions newest first (key ``revisions``);
  ``…/Revisions/{Revision}`` takes a number, ``LatestRevision`` or ``LatestPublished`` (404 when no revision
  was published). Deleting a flow deletes its revisions.

Where Twilio's documentation is silent, the emulator decides as follows:

* A definition is invalid when it is not a JSON object, has no ``states`` list, has a state that is not an
  object or lacks a non-empty ``name`` or ``type``, repeats a state name, has an ``initial_state`` that
  names no state, or a transition whose ``next`` names no state (an absent or empty ``next`` ends the flow).
* An invalid definition is a **400** with code **20001** (a guess), the message ``Invalid Flow Definition: …``
  with the first problem, and ``details: {"errors": [{"message", "property_path"}, …]}`` listing every
  problem, its place as a JSON pointer such as ``#/states/1/name``.
* Definition text that is not JSON is a plain 400 naming ``Definition``.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any

from pulumi_flex.emulator.models.base import STUDIO_V2, Collection, Context, Operation, new_sid, now
from pulumi_flex.emulator.store import Doc
from pulumi_flex.emulator.validation import (
    CLEARABLE,
    JSON_VALUE,
    NON_EMPTY,
    FormModel,
    one_of,
    validate,
)
from pulumi_flex.emulator.wire import (
    CODE_INVALID_PARAMETER,
    Form,
    JsonObject,
    TwilioError,
    not_found,
    sid_pattern,
)

FLOWS_PATH = STUDIO_V2 + "/Flows"
VALIDATE_PATH = FLOWS_PATH + "/Validate"
FLOW_KIND = "studio_flow"
REVISION_KIND = "studio_flow_revision"
STATUSES = ("draft", "published")
WEBHOOK_URL = "https://webhooks.twilio.com/v1/Accounts/{account_sid}/Flows/{sid}"
FLOW_SID = sid_pattern("FW")
LATEST_REVISION = "LatestRevision"
LATEST_PUBLISHED = "LatestPublished"
READ_ONLY: frozenset[Operation] = frozenset({"list", "fetch"})

WRITE_LOCK = threading.Lock()  # an update reads the current revision and writes the next


class FlowUpdate(FormModel):
    """An update: ``Status`` is required; the rest is optional."""

    status: Annotated[str, one_of(STATUSES)]
    friendly_name: Annotated[str, NON_EMPTY] | None = None
    definition: Annotated[Any, JSON_VALUE] = None
    commit_message: Annotated[str | None, CLEARABLE] = None


class NewFlow(FlowUpdate):
    """A create (and a validation): ``FriendlyName``, ``Status`` and ``Definition`` are required."""

    friendly_name: Annotated[str, NON_EMPTY]
    definition: Annotated[Any, JSON_VALUE]


# ------------------------------------------------------------------------------------- definition checks


def definition_errors(definition: Any) -> list[dict[str, str]]:
    """Every problem of a flow definition, as Studio itemises them: ``{"message", "property_path"}``."""
    errors: list[dict[str, str]] = []

    def problem(path: str, message: str) -> None:
        errors.append({"message": message, "property_path": path})

    if not isinstance(definition, dict):
        problem("#", "The flow definition must be a JSON object with states and initial_state")
        return errors
    states = definition.get("states")
    if not isinstance(states, list):
        problem("#/states", "states is required: a list of widgets, each with a name and a type")
        return errors
    names: set[str] = set()
    for i, state in enumerate(states):
        if not isinstance(state, dict):
            problem(f"#/states/{i}", "A state must be an object with a name and a type")
            continue
        for key in ("name", "type"):
            if not isinstance(state.get(key), str) or not state[key]:
                problem(f"#/states/{i}/{key}", f"The state's {key} is required: a non-empty string")
        name = state.get("name")
        if isinstance(name, str) and name:
            if name in names:
                problem(f"#/states/{i}/name", f"The state name {name!r} is used by another state")
            names.add(name)
    initial = definition.get("initial_state")
    if not isinstance(initial, str) or not initial:
        problem("#/initial_state", "initial_state is required: the name of the first state")
    elif initial not in names:
        problem("#/initial_state", f"initial_state {initial!r} names no state of the flow")
    for i, state in enumerate(states):
        if not isinstance(state, dict) or "transitions" not in state:
            continue
        transitions = state["transitions"]
        if not isinstance(transitions, list):
            problem(f"#/states/{i}/transitions", "transitions must be a list")
            continue
        for j, transition in enumerate(transitions):
            if not isinstance(transition, dict):
                problem(f"#/states/{i}/transitions/{j}", "A transition must be an object with an event")
                continue
            target = transition.get("next")
            if target is None or target == "":
                continue
            if not isinstance(target, str) or target not in names:
                problem(f"#/states/{i}/transitions/{j}/next", f"next {target!r} names no state of the flow")
    return errors


def check_definition(definition: Any) -> None:
    """A 400 with Studio's itemised ``details`` unless ``definition`` is a valid flow definition."""
    errors = definition_errors(definition)
    if not errors:
        return
    first = errors[0]
    more = f"; and {len(errors) - 1} more (see details)" if len(errors) > 1 else ""
    raise TwilioError(
        400,
        CODE_INVALID_PARAMETER,
        f"Invalid Flow Definition: {first['message']} at {first['property_path']}{more}",
        details={"errors": errors},
    )


def validate_flow(form: Form) -> JsonObject:
    """``POST /v2/Flows/Validate``: a create's parameters, checked and not saved: ``{"valid": true}``."""
    params = validate(NewFlow, form)
    check_definition(params.definition)
    return {"valid": True}


# ------------------------------------------------------------------------------------------------ flows


def revision_key(flow_sid: str, revision: int) -> str:
    """The store key of one revision of a flow."""
    return f"{flow_sid}/{revision}"


def revision_doc(flow: Doc) -> Doc:
    """The revision document of a flow's current state."""
    return {
        "sid": flow["sid"],
        "account_sid": flow["account_sid"],
        "friendly_name": flow["friendly_name"],
        "definition": flow["definition"],
        "status": flow["status"],
        "revision": flow["revision"],
        "commit_message": flow.get("commit_message"),
        "date_created": flow["date_updated"],
        "date_updated": flow["date_updated"],
    }


def new_flow_rows(account_sid: str, fields: Doc, stamp: str, sid: str | None = None) -> tuple[Doc, list[Any]]:
    """A new flow document at revision 1 and the store rows of the flow and its first revision."""
    flow: Doc = {
        **fields,
        "revision": 1,
        "sid": sid or new_sid("FW"),
        "account_sid": account_sid,
        "date_created": stamp,
        "date_updated": stamp,
    }
    revision = revision_doc(flow)
    rows = [
        (FLOW_KIND, account_sid, flow["sid"], flow, ""),
        (REVISION_KIND, account_sid, revision_key(flow["sid"], 1), revision, flow["sid"]),
    ]
    return flow, rows


class Flows(Collection):
    """``/studio/v2/Flows`` (``FW``): each update is a new revision; invalid definitions are refused."""

    kind = FLOW_KIND
    sid_prefix = "FW"
    list_path = FLOWS_PATH
    list_key = "flows"

    def create(self, form: Form, ctx: Context) -> JsonObject:
        """Check the definition; store the flow and its first revision together."""
        params = validate(NewFlow, form)
        check_definition(params.definition)
        fields = params.model_dump()
        flow, rows = new_flow_rows(ctx.account_sid, fields, now())
        self.store.insert_many(rows)
        return self.render(flow, ctx)

    def update(self, sid: str, form: Form, ctx: Context) -> JsonObject:
        """Apply the parameters sent and record a new revision."""
        with WRITE_LOCK:
            doc = self.require(sid, ctx)  # an unknown flow is a 404 whatever the body
            params = validate(FlowUpdate, form)
            if "definition" in params.model_fields_set:
                check_definition(params.definition)
            changes = params.model_dump(exclude_unset=True)
            updated: Doc = {
                **doc,
                **changes,
                "commit_message": changes.get("commit_message"),
                "revision": doc["revision"] + 1,
                "date_updated": now(),
            }
            if not self.store.replace(self.kind, ctx.account_sid, doc["sid"], updated):
                raise not_found(self.instance_path(sid))
            key = revision_key(doc["sid"], updated["revision"])
            self.store.insert(REVISION_KIND, ctx.account_sid, key, revision_doc(updated), parent=doc["sid"])
        return self.render(updated, ctx)

    def delete(self, sid: str, ctx: Context) -> None:
        """Delete the flow and its revisions."""
        self.require_valid_sid(sid)
        with WRITE_LOCK:
            if not self.store.delete_with_children(self.kind, ctx.account_sid, sid, (REVISION_KIND,)):
                raise not_found(self.instance_path(sid))

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """A flow as Studio renders it: the definition as an object, ``webhook_url`` and ``links``."""
        url = self.instance_url(doc["sid"], ctx)
        return {
            "sid": doc["sid"],
            "account_sid": doc["account_sid"],
            "author_sid": None,
            "friendly_name": doc["friendly_name"],
            "definition": doc["definition"],
            "status": doc["status"],
            "revision": doc["revision"],
            "commit_message": doc.get("commit_message"),
            "valid": True,
            "errors": [],
            "warnings": [],
            "date_created": doc["date_created"],
            "date_updated": doc["date_updated"],
            "webhook_url": WEBHOOK_URL.format(account_sid=doc["account_sid"], sid=doc["sid"]),
            "url": url,
            "links": {
                "test_users": f"{url}/TestUsers",
                "revisions": f"{url}/Revisions",
                "executions": f"{url}/Executions",
            },
        }


class FlowRevisions(Collection):
    """``/studio/v2/Flows/{Sid}/Revisions[/{Revision}]``: read-only, newest first."""

    kind = REVISION_KIND
    sid_prefix = "FW"
    list_path = FLOWS_PATH + "/{Sid}/Revisions"
    list_key = "revisions"
    newest_first = True
    parent_param = "Sid"
    instance_param = "Revision"
    operations = READ_ONLY

    def resolve_parent(self, raw: str, ctx: Context) -> str:
        """The flow named in the path, or a 404 quoting the flow's path."""
        if not FLOW_SID.match(raw) or self.store.get(FLOW_KIND, ctx.account_sid, raw) is None:
            raise not_found(f"{FLOWS_PATH}/{raw}")
        return raw

    def require(self, sid: str, ctx: Context) -> Doc:
        """Revision ``sid``: a number, ``LatestRevision`` or ``LatestPublished``; a 404 otherwise."""
        doc: Doc | None = None
        if sid == LATEST_REVISION:
            flow = self.store.get(FLOW_KIND, ctx.account_sid, self.parent) or {}
            doc = self.store.get(
                self.kind, ctx.account_sid, revision_key(self.parent, flow.get("revision", 0))
            )
        elif sid == LATEST_PUBLISHED:
            rows = self.store.scan(
                self.kind,
                ctx.account_sid,
                parent=self.parent,
                where={"status": "published"},
                order="desc",
                limit=1,
            )
            doc = rows[0][1] if rows else None
        elif sid.isdigit() and len(sid) <= 9:
            doc = self.store.get(self.kind, ctx.account_sid, revision_key(self.parent, int(sid)))
        if doc is None:
            raise not_found(self.instance_path(sid))
        return doc

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """One revision: the flow as it was, ``url`` ending in the revision number."""
        return {
            "sid": doc["sid"],
            "account_sid": doc["account_sid"],
            "author_sid": None,
            "friendly_name": doc["friendly_name"],
            "definition": doc["definition"],
            "status": doc["status"],
            "revision": doc["revision"],
            "commit_message": doc.get("commit_message"),
            "valid": True,
            "errors": [],
            "date_created": doc["date_created"],
            "date_updated": doc["date_updated"],
            "url": f"{ctx.base_url}{FLOWS_PATH}/{doc['sid']}/Revisions/{doc['revision']}",
        }


STUDIO: tuple[type[Collection], ...] = (Flows, FlowRevisions)
