"""Render an inventory as a readable Pulumi program that adopts every object.

Each object is declared with its current values and ``adopt_sid``, so ``pulumi up`` creates
nothing; references between objects are Python references (a flow's ``.sid`` passed to its web
channel, a category to its questions), not pasted SIDs.
"""

from __future__ import annotations

import datetime
import json
import keyword
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..specs import (
    FLEX_FLOW,
    PLUGIN,
    PLUGIN_CONFIGURATION,
    PLUGIN_VERSION,
    QUESTIONNAIRE,
    QUESTIONNAIRE_CATEGORY,
    QUESTIONNAIRE_QUESTION,
    ResourceSpec,
)
from ..specs.encoding import outputs_from_record
from .inventory import Inventory, Record

NOT_RETURNED = "(not returned by the Flex API)"


@dataclass(frozen=True)
class Ref:
    """A Python expression in the generated program, e.g. ``web_flow.sid``."""

    expression: str


class Names:
    """Unique, readable resource names and Python variable names."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def new(self, hint: str, fallback: str) -> tuple[str, str]:
        """A fresh resource name (a slug of ``hint``, numbered when taken) and a matching Python
        variable; ``fallback`` stands in for an empty hint and prefixes invalid identifiers."""
        slug = re.sub(r"[^a-z0-9]+", "-", hint.lower()).strip("-")[:40] or fallback
        name, n = slug, 2
        while name in self._taken:
            name, n = f"{slug}-{n}", n + 1
        self._taken.add(name)
        variable = re.sub(r"\W", "_", name.replace("-", "_"))
        if variable[0].isdigit() or keyword.iskeyword(variable):
            variable = f"{fallback.replace('-', '_')}_{variable}"
        return name, variable


def literal(value: Any, indent: int) -> str:
    """Python source for a JSON-like value that may hold ``Ref``s."""
    pad, inner = " " * indent, " " * (indent + 4)
    if isinstance(value, Ref):
        return value.expression
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        items = [f"{inner}{literal(k, indent)}: {literal(v, indent + 4)}," for k, v in value.items()]
        return "{\n" + "\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        short = [literal(v, indent + 4) for v in value]
        if all(isinstance(v, str | int | float | bool | Ref) for v in value) and sum(map(len, short)) < 70:
            return "[" + ", ".join(short) + "]"
        return "[\n" + "\n".join(f"{inner}{s}," for s in short) + f"\n{pad}]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a valid Python literal, in double quotes
    return repr(value)


def declaration(variable: str, cls: str, name: str, inputs: Mapping[str, Any], comment: str = "") -> str:
    """Python source declaring ``variable = flex.<cls>(name, **inputs)``, under an optional comment."""
    lines = [f"# {comment}"] if comment else []
    lines.append(f"{variable} = flex.{cls}(")
    lines.append(f"    {literal(name, 4)},")
    lines += [f"    {key}={literal(value, 4)}," for key, value in inputs.items()]
    lines.append(")")
    return "\n".join(lines)


def readable_inputs(spec: ResourceSpec, record: Record) -> dict[str, Any]:
    """The inputs the API returns for ``record``, without empty values."""
    outs = outputs_from_record(spec, record, {})
    inputs: dict[str, Any] = {}
    for f in spec.fields:
        value = outs.get(f.name)
        if f.write_only or value is None:
            continue
        if isinstance(value, Mapping):
            value = {k: v for k, v in value.items() if v is not None}
            if not value:
                continue
        inputs[f.name] = value
    return inputs


class Program:
    """Builds the generated program: one declaration per object, in dependency order."""

    def __init__(self, inventory: Inventory) -> None:
        self.inventory = inventory
        self.names = Names()
        self.refs: dict[str, Ref] = {}  # SID -> expression of the adopting resource
        self.blocks: list[str] = []

    def add(self, spec_name: str, cls: str, hint: str, sid: str, inputs: dict[str, Any], attr: str) -> None:
        """Declare one adopted object and remember ``variable.attr`` as the reference for ``sid``."""
        name, variable = self.names.new(hint, spec_name)
        comment = ""
        if cls == "WebChannel":
            comment = "The API does not return a web channel's create inputs; these are placeholders."
        self.blocks.append(declaration(variable, cls, name, {**inputs, "adopt_sid": sid}, comment))
        self.refs[sid] = Ref(f"{variable}.{attr}")

    def ref(self, sid: str | None) -> Any:
        """The reference to the resource that adopts ``sid``, or ``sid`` itself when none does."""
        return self.refs.get(sid or "", sid)

    def section(self, title: str) -> None:
        """Start a section of the program with a comment rule."""
        self.blocks.append(f"# --- {title} " + "-" * max(0, 90 - len(title)))

    def render(self, account_sid: str) -> str:
        """The whole ``__main__.py``: every object of the inventory, then the configuration."""
        inv = self.inventory
        self.section("Flex Flows")
        for flow in inv.flex_flows:
            inputs = readable_inputs(FLEX_FLOW, flow)
            self.add("flow", "FlexFlow", flow.get("friendly_name") or "", flow["sid"], inputs, "sid")
        self.section("Web channels")
        for channel in inv.web_channels:
            inputs = {
                "flex_flow_sid": self.ref(channel.get("flex_flow_sid")),
                "identity": NOT_RETURNED,
                "customer_friendly_name": NOT_RETURNED,
                "chat_friendly_name": NOT_RETURNED,
            }
            self.add("web-channel", "WebChannel", "web channel", channel["sid"], inputs, "sid")
        self.section("Plugins: each plugin, its latest version, and the active release")
        for plugin in inv.plugins:
            self.add(
                "plugin",
                "Plugin",
                plugin["unique_name"],
                plugin["sid"],
                readable_inputs(PLUGIN, plugin),
                "sid",
            )
        for version in inv.plugin_versions:
            inputs = readable_inputs(PLUGIN_VERSION, version)
            inputs["plugin_sid"] = self.ref(version["plugin_sid"])
            hint = f"{self._plugin_name(version['plugin_sid'])} {version['version']}"
            self.add("plugin-version", "PluginVersion", hint, version["sid"], inputs, "sid")
        if inv.plugin_configuration is not None:
            configuration = inv.plugin_configuration
            inputs = readable_inputs(PLUGIN_CONFIGURATION, configuration)
            inputs["plugins"] = [
                {"plugin_version": self.ref(e["plugin_version_sid"]), "phase": e.get("phase", 0)}
                for e in inv.configured_plugins
            ]
            hint = f"configuration {configuration.get('name', '')}"
            self.add("plugin-configuration", "PluginConfiguration", hint, configuration["sid"], inputs, "sid")
        if inv.active_release is not None:
            release = inv.active_release
            inputs = {"configuration_sid": self.ref(release["configuration_sid"])}
            self.add("release", "PluginRelease", "active release", release["sid"], inputs, "sid")
        self.section("Insights quality management")
        for category in inv.categories:
            inputs = readable_inputs(QUESTIONNAIRE_CATEGORY, category)
            self.add(
                "category",
                "QuestionnaireCategory",
                category["name"],
                category["category_sid"],
                inputs,
                "category_sid",
            )
        for question in inv.questions:
            inputs = readable_inputs(QUESTIONNAIRE_QUESTION, question)
            inputs["category_sid"] = self.ref(inputs.get("category_sid"))
            hint = f"question {question.get('question', '')}"
            self.add(
                "question", "QuestionnaireQuestion", hint, question["question_sid"], inputs, "question_sid"
            )
        for questionnaire in inv.questionnaires:
            inputs = readable_inputs(QUESTIONNAIRE, questionnaire)
            inputs["question_sids"] = [self.ref(sid) for sid in inputs.get("question_sids", [])]
            sid = questionnaire["questionnaire_sid"]
            self.add(
                "questionnaire", "Questionnaire", questionnaire["name"], sid, inputs, "questionnaire_sid"
            )
        self.section("The Flex configuration: these keys are managed; destroy restores their prior values")
        self.blocks.append(
            declaration("flex_configuration", "Configuration", "flex-configuration", inv.configuration)
        )
        return self._module(account_sid)

    def _plugin_name(self, plugin_sid: str) -> str:
        return next((p["unique_name"] for p in self.inventory.plugins if p["sid"] == plugin_sid), "plugin")

    def _module(self, account_sid: str) -> str:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        header = f'''"""Generated by `pulumi-flex discover` from account {account_sid} on {stamp}.

Every object is declared with its current values and adopted with `adopt_sid`, so the first
`pulumi up` creates nothing and the next `pulumi preview` shows no changes. From then on, edit
this program to change the account. Web channels' create inputs are not returned by the API:
their placeholders are kept in state, and changing them would replace the channel.
"""

import pulumi_flex as flex
'''
        return header + "\n\n" + "\n\n".join(self.blocks) + "\n"


def render_program(inventory: Inventory, account_sid: str) -> str:
    """The Pulumi program (``__main__.py``) that adopts everything in ``inventory``."""
    return Program(inventory).render(account_sid)


def project_files(program: str, project_name: str) -> dict[str, str]:
    """The generated project's files by name: the program, ``Pulumi.yaml`` and ``requirements.txt``."""
    return {
        "__main__.py": program,
        "Pulumi.yaml": (
            f"name: {project_name}\ndescription: Adopted by pulumi-flex discover\nruntime: python\n"
        ),
        "requirements.txt": "pulumi-flex\n",
    }
