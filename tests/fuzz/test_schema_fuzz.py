"""Fuzz the emulator with schemathesis, driven by Twilio's own OpenAPI descriptions of Flex v1, TaskRouter
v1, Studio v2 and Conversations v1 (address configurations).

The specs are ``twilio_flex_v1.yaml``, ``twilio_taskrouter_v1.yaml``, ``twilio_studio_v2.yaml`` and
``twilio_conversations_v1_addresses.yaml`` beside this file, copied (the last three trimmed) from
twilio/twilio-oai with its MIT licence (``twilio-oai-LICENSE``). The emulator serves the other services under
a prefix named after their host (``/taskrouter``, ``/studio``, ``/conversations``), so their cases are sent to
``<base>/<prefix>``. Only the Flex operations the emulator covers are tested, and every operation of the
three trimmed specs. Every operation gets a fresh emulator state with one real object of every kind (so
fetches and updates also hit objects that exist), then schemathesis sends positive and negative cases and
checks:

* no 5xx, ever;
* the status code is one the (amended) spec declares;
* the content type and the body conform to the (amended) spec's response schemas;
* declared response headers conform.

Where the emulator differs from the spec because the spec is wrong or Twilio's documented behaviour differs,
the spec is amended here, never the emulator: each amendment is listed in :data:`EXCLUSIONS` with its
reason, and applied by :func:`amended_spec`.

Bounded for CI: at most ``MAX_EXAMPLES`` generated cases per operation (plus schemathesis' explicit
examples and coverage cases), derandomized, and a total time budget after which the remaining operations
are skipped rather than run.

A FlexFlow created without ``IntegrationType`` once came back with ``integration_type: null``, which the
Flex spec's enum does not allow; the emulator now answers ``studio`` (Twilio's documented default), so the
spec's enum properties are held to the spec as written (no amendment makes them nullable).
"""

from __future__ import annotations

import copy
import json
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
import yaml
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.emulator.paths import param_kinds
from tests.fuzz.objects import seed_objects, studio_definition
from tests.support.emulator import EmulatorProcess

SPEC_PATH = Path(__file__).with_name("twilio_flex_v1.yaml")
TASKROUTER_SPEC = Path(__file__).with_name("twilio_taskrouter_v1.yaml")
STUDIO_SPEC = Path(__file__).with_name("twilio_studio_v2.yaml")
CONVERSATIONS_SPEC = Path(__file__).with_name("twilio_conversations_v1_addresses.yaml")
MAX_EXAMPLES = 20
TIME_BUDGET_SECONDS = 200.0  # the whole module; it takes about 50 s on a 2-core machine
# The covered families: FlexFlows, WebChannels, Channels, the Plugin Service, Insights quality management,
# the Configuration singleton and Interactions (with their channels, invites, participants and transfers).
COVERED = (
    r"^/v1/(FlexFlows|WebChannels|Channels|Configuration|Interactions|PluginService/"
    r"|Insights/QualityManagement/(Categories|Questions|Questionnaires|Settings/AnswerSets))"
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]

# Twilio's legacy error body, docs/twilio-api-notes.md §1.6.
TWILIO_ERROR = {
    "type": "object",
    "required": ["code", "message", "more_info", "status"],
    "properties": {
        "code": {"type": "integer"},
        "message": {"type": "string", "minLength": 1},
        "more_info": {
            "type": "string",
            "format": "uri",
            "pattern": "^https://www\\.twilio\\.com/docs/errors/",
        },
        "status": {"type": "integer", "minimum": 400, "maximum": 499},
        "detail": {"type": "string"},
    },
}

Spec = dict[str, Any]


@dataclass(frozen=True)
class Exclusion:
    """A known, reasoned difference between Twilio's spec and the emulator, where the spec is wrong or Twilio
    documents other behaviour (docs/twilio-api-notes.md): the spec is amended before fuzzing, by ``amend``."""

    where: str
    what: str
    reason: str
    amend: Callable[[Spec], None]


def _operations(spec: Spec) -> Iterator[dict[str, Any]]:
    for item in spec["paths"].values():
        for method, operation in item.items():
            if method in ("get", "post", "delete"):
                yield operation


def _declare_error_responses(spec: Spec) -> None:
    for operation in _operations(spec):
        operation["responses"]["4XX"] = {
            "description": "Twilio error",
            "content": {"application/json": {"schema": TWILIO_ERROR}},
        }


def _drop_insights_authorization_header(spec: Spec) -> None:
    for operation in _operations(spec):
        operation["parameters"] = [
            parameter
            for parameter in operation.get("parameters", [])
            if not (parameter["in"] == "header" and parameter["name"] == "Authorization")
        ]


EXCLUSIONS: tuple[Exclusion, ...] = (
    Exclusion(
        where="every operation",
        what="declare 4XX responses with Twilio's error body",
        reason=(
            "The spec declares only each operation's success status, yet the real API answers bad input, "
            "unknown SIDs, wrong methods and wrong media types with 400/404/405/415 and the "
            "{code, message, more_info, status} body (docs/twilio-api-notes.md §1.6). Declaring them lets "
            "status-code and schema conformance hold the emulator's errors to Twilio's shape instead of "
            "failing on every error. 5xx stay undeclared: any 5xx fails not_a_server_error."
        ),
        amend=_declare_error_responses,
    ),
    Exclusion(
        where="Insights QualityManagement operations",
        what="drop the optional 'Authorization' header parameter",
        reason=(
            "It is the standard HTTP Authorization header (renamed from 'Token' in 2023); real clients send "
            "Basic auth in it and requests overwrites any other value (§6.4). Fuzzing it as a free string "
            "would replace the test's credentials and only exercise 401s."
        ),
        amend=_drop_insights_authorization_header,
    ),
)


def amended_spec(path: Path = SPEC_PATH) -> Spec:
    raw: Spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    spec = copy.deepcopy(raw)
    for exclusion in EXCLUSIONS:
        exclusion.amend(spec)
    return spec


schema = schemathesis.openapi.from_dict(amended_spec()).include(path_regex=COVERED)
taskrouter_schema = schemathesis.openapi.from_dict(amended_spec(TASKROUTER_SPEC))
studio_schema = schemathesis.openapi.from_dict(amended_spec(STUDIO_SPEC))
conversations_schema = schemathesis.openapi.from_dict(amended_spec(CONVERSATIONS_SPEC))


@pytest.fixture(scope="module")
def fuzz_started() -> float:
    """When this module's first fuzz test started: the time budget runs from there."""
    return time.monotonic()


@pytest.fixture
def seeded(flex: EmulatorProcess, fuzz_started: float) -> dict[str, str]:
    """Fresh state with one object of every kind; ``{kind: sid}``. Skips once the time budget is spent."""
    if time.monotonic() - fuzz_started > TIME_BUDGET_SECONDS:
        pytest.skip(f"fuzz time budget of {TIME_BUDGET_SECONDS:.0f}s spent")
    with flex.client() as http:
        return seed_objects(http)


@pytest.fixture(scope="module")
def session(emulator: EmulatorProcess) -> Iterator[requests.Session]:
    with requests.Session() as http:
        http.auth = (emulator.account_sid, emulator.auth_token)
        http.trust_env = False
        yield http


# Form fields that reference another object, and the kind of object they name.
REFERENCES = {
    "FlexFlowSid": "flex_flow",
    "CategorySid": "category",
    "QuestionSids": "question",
    "ConfigurationId": "plugin_configuration",
    "DefaultActivitySid": "activity",
    "TimeoutActivitySid": "activity",
    "ReservationActivitySid": "activity",
    "AssignmentActivitySid": "activity",
    "AutoCreation.StudioFlowSid": "studio_flow",
}


def _routing(seeded: dict[str, str]) -> str:
    return json.dumps({"task_routing": {"filters": [], "default_filter": {"queue": seeded["task_queue"]}}})


# Form fields holding a JSON document, and a valid document for them.
DOCUMENTS: dict[str, Callable[[dict[str, str]], str]] = {
    "Configuration": _routing,
    "Definition": lambda seeded: json.dumps(studio_definition()),
}


def address_real_objects(case: schemathesis.Case[Any], seeded: dict[str, str]) -> None:
    """In three positive cases out of four (chosen from the generated values, so runs repeat), point every
    path parameter and every reference in a form body at the seeded object of its kind; the rest keep the
    generated, unknown SIDs (404s and 400s)."""
    if case.meta is None or case.meta.generation.mode != GenerationMode.POSITIVE:
        return
    body = case.body if isinstance(case.body, dict) else {}
    references = [name for name in REFERENCES if name in body]
    documents = [name for name in DOCUMENTS if name in body]
    if not case.path_parameters and not references and not documents:
        return
    generated = repr(sorted((case.path_parameters or {}).items())) + repr(
        [body[name] for name in references + documents]
    )
    if zlib.crc32(generated.encode("utf-8")) % 4 == 0:
        return
    for name, kind in param_kinds(case.path).items():
        if case.path_parameters and name in case.path_parameters:
            case.path_parameters[name] = seeded[kind]
    for name in references:
        body[name] = seeded[REFERENCES[name]]
    for name in documents:
        body[name] = DOCUMENTS[name](seeded)


FUZZ_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def check_case(
    case: schemathesis.Case[Any],
    seeded: dict[str, str],
    session: requests.Session,
    emulator: EmulatorProcess,
    prefix: str = "",
) -> None:
    """Send one case to the emulator (under ``prefix`` for a service beside Flex) and check the answer."""
    address_real_objects(case, seeded)
    response = case.call(base_url=emulator.base_url + prefix, session=session, timeout=10)
    case.validate_response(response, checks=CHECKS)


@schema.parametrize()
@FUZZ_SETTINGS
def test_emulator_conforms_to_twilios_spec(
    case: schemathesis.Case[Any], seeded: dict[str, str], session: requests.Session, emulator: EmulatorProcess
) -> None:
    check_case(case, seeded, session, emulator)


@taskrouter_schema.parametrize()
@FUZZ_SETTINGS
def test_taskrouter_conforms_to_twilios_spec(
    case: schemathesis.Case[Any], seeded: dict[str, str], session: requests.Session, emulator: EmulatorProcess
) -> None:
    check_case(case, seeded, session, emulator, "/taskrouter")


@studio_schema.parametrize()
@FUZZ_SETTINGS
def test_studio_conforms_to_twilios_spec(
    case: schemathesis.Case[Any], seeded: dict[str, str], session: requests.Session, emulator: EmulatorProcess
) -> None:
    check_case(case, seeded, session, emulator, "/studio")


@conversations_schema.parametrize()
@FUZZ_SETTINGS
def test_conversations_conforms_to_twilios_spec(
    case: schemathesis.Case[Any], seeded: dict[str, str], session: requests.Session, emulator: EmulatorProcess
) -> None:
    check_case(case, seeded, session, emulator, "/conversations")


def test_every_emulator_family_is_fuzzed() -> None:
    """The include filter really selects the covered operations (and no others): 62 of them."""
    labels = set()
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result
        labels.add(result.ok().label)
    assert len(labels) == 62
    for prefix in ("FlexFlows", "WebChannels", "Channels", "Configuration", "Interactions", "PluginService"):
        assert any(label.split(" ")[1].startswith(f"/v1/{prefix}") for label in labels), prefix
    assert "GET /v1/Insights/QualityManagement/Settings/AnswerSets" in labels
    assert not any("/Assessments" in label or "/Segments" in label for label in labels)


def test_every_operation_of_the_other_services_is_fuzzed() -> None:
    """TaskRouter's 25 operations, Studio's 8 and Conversations' 5, all of them served by the emulator."""
    for fuzzed, count in ((taskrouter_schema, 25), (studio_schema, 8), (conversations_schema, 5)):
        labels = set()
        for result in fuzzed.get_all_operations():
            assert isinstance(result, Ok), result
            labels.add(result.ok().label)
        assert len(labels) == count, sorted(labels)
