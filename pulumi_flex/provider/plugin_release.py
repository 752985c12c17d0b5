"""PluginRelease: "this configuration is the account's active release", as a resource.

Every path comes from the specs: the active release is ``PLUGIN_RELEASE.paths["active"]``,
and configurations are read and created through the client's ``plugin_configurations``.
"""

from __future__ import annotations

from typing import Any

from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ..client.errors import FlexApiError, FlexError
from ..specs.encoding import outputs_from_record
from .dynamic import Props, SpecProvider, keep_inputs, unchanged

EMPTY_CONFIGURATION_NAME = "pulumi-flex: no plugins"


class PluginReleaseProvider(SpecProvider):
    """``PluginRelease`` means "this configuration is the account's active release".

    - create records the configuration active before, then releases ``configuration_sid``;
    - a new ``configuration_sid`` creates a new release (releases are immutable events); the
      resource keeps its ID, the SID of its first release, and ``sid`` is its latest release;
    - refresh reads ``Releases/Active``: if another release became active, the state shows that
      release's configuration, and the next ``up`` releases the declared one again;
    - destroy, if this resource's release is still the active one, releases the configuration
      that was active before the resource was created, or, when there was none (or it has been
      archived since), an empty configuration named "pulumi-flex: no plugins". If another
      release is active, destroy changes nothing.
    """

    def do_create(self, props: Props) -> CreateResult:
        """Release ``configuration_sid``, recording the configuration active before; with ``adopt_sid``,
        take over that release and release again only if its configuration differs."""
        adopt = props.get("adopt_sid")
        if adopt:
            record = self.adopted_release(adopt)
            previous = None  # unknown for a release made outside the stack
            if record["configuration_sid"] != props["configuration_sid"]:
                record = self.release(props["configuration_sid"])
            sid = adopt
        else:
            active = self.active()
            previous = active["configuration_sid"] if active else None
            record = self.release(props["configuration_sid"])
            sid = record["sid"]
        return CreateResult(sid, self.release_outputs(record, props, previous))

    def do_read(self, id_: str, props: Props) -> ReadResult:
        """Compare with ``Releases/Active``: if another release is active, state shows its configuration.
        A ``.get()`` reference (no ``sid`` in state) reads the release itself."""
        ours = props.get("sid")
        if not ours:  # a .get() reference: just the release itself
            try:
                return ReadResult(id_, self.release_outputs(self.collection().fetch(id_), props, None))
            except FlexApiError as exc:
                if exc.is_not_found:
                    raise self.missing(id_) from None
                raise
        active = self.active()
        outs = dict(props)
        outs.pop("__provider", None)
        if active is None or active["sid"] != ours:
            outs["configuration_sid"] = active["configuration_sid"] if active else None
        return ReadResult(id_, outs)

    def do_update(self, id_: str, olds: Props, news: Props) -> UpdateResult:
        """Release the new ``configuration_sid``; the resource ID stays, ``sid`` becomes the new release."""
        if olds.get("configuration_sid") == news["configuration_sid"]:
            return UpdateResult(unchanged(olds, news))  # only credentials rotated: no new release
        record = self.release(news["configuration_sid"])
        return UpdateResult(self.release_outputs(record, news, olds.get("previous_configuration_sid")))

    def do_delete(self, id_: str, props: Props) -> None:
        """If this resource's release is still active, release the configuration active before it
        (or an empty one); otherwise change nothing."""
        active = self.active()
        if active is None or active["sid"] != props.get("sid", id_):
            return  # someone released something else since: leave it
        target = props.get("previous_configuration_sid")
        if target and not self.is_archived_configuration(target):
            try:
                self.release(target)
                return
            except FlexApiError as exc:
                if exc.status != 400:  # 400: it holds a plugin or version archived since
                    raise
        self.release(self.empty_configuration())

    # --- helpers ------------------------------------------------------------------------------

    def adopted_release(self, sid: str) -> dict[str, Any]:
        """The release ``adopt_sid`` names, with an error that says what to fix if there is none."""
        try:
            return self.collection().fetch(sid)
        except FlexApiError as exc:
            if exc.is_not_found:
                raise FlexError(
                    f"adopt_sid {sid}: no PluginRelease with this SID exists in account "
                    f"{self.client().account_sid}; fix the SID, or remove adopt_sid to release anew"
                ) from exc
            raise

    def active(self) -> dict[str, Any] | None:
        """The account's active release, or None if nothing has been released."""
        return self.collection().read_path("active")

    def release(self, configuration_sid: str) -> dict[str, Any]:
        """Make ``configuration_sid`` the active release (Twilio records a new, immutable release)."""
        return self.collection().create({"configuration_sid": configuration_sid})

    def release_outputs(self, record: dict[str, Any], props: Props, previous: str | None) -> Props:
        """Outputs of a release record, plus ``previous_configuration_sid`` and the kept inputs."""
        outs = outputs_from_record(self.spec, record, props)
        outs["previous_configuration_sid"] = previous
        return keep_inputs(outs, props)

    def is_archived_configuration(self, sid: str) -> bool:
        """Whether the configuration is archived or gone, so it can no longer be released."""
        try:
            record = self.client().plugin_configurations.fetch(sid)
        except FlexApiError as exc:
            if exc.is_not_found:
                return True
            raise
        return bool(record.get("archived"))

    def empty_configuration(self) -> str:
        """Create a configuration without plugins, for destroy to release; returns its SID."""
        record = self.client().plugin_configurations.create(
            {"name": EMPTY_CONFIGURATION_NAME, "description": "Released by pulumi-flex on destroy"}
        )
        return str(record["sid"])
