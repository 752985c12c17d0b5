"""``pulumi-flex recover``: settle what an interrupted ``pulumi up`` left, so the next ``up``
creates nothing twice. Run it in the Pulumi project directory, after a killed or failed ``up``.

Rounds: each previews the program, plans an action per candidate (see ``plan``), shows the plan,
and after confirmation writes the adopted resources into the stack's state (clearing the pending
operations) and deletes the orphans the program no longer declares. A resource that depends on
one adopted in this round is looked at again in the next round, once its inputs are known.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from .stack import Json, Stack, StackError

MAX_ROUNDS = 5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of ``pulumi-flex recover``."""
    parser.add_argument("--stack", help="the stack (default: the project's selected stack)")
    parser.add_argument("--yes", action="store_true", help="act without asking for confirmation")
    parser.add_argument("--cwd", help="the Pulumi project directory (default: the current one)")


def run(args: argparse.Namespace) -> int:
    """Run recover; exit 0 when the stack is settled, 1 on an error, 2 when not confirmed."""
    stack = Stack(args.stack, args.cwd)
    try:
        return recover(stack, confirm=_confirm(args.yes), say=print)
    except StackError as exc:
        print(f"pulumi-flex recover: {exc}", file=sys.stderr)
        return 1


def _confirm(yes: bool) -> Callable[[], bool]:
    def ask() -> bool:
        if yes:
            return True
        if not sys.stdin.isatty():
            print("not confirmed: run again with --yes to act without a prompt", file=sys.stderr)
            return False
        return input("Do it? [y/N] ").strip().lower() in ("y", "yes")

    return ask


def recover(stack: Stack, *, confirm: Callable[[], bool], say: Callable[[str], None]) -> int:
    """Adopt or delete what interrupted creates made, round by round; 0 when settled."""
    from ..provider import runtime
    from .plan import Candidate, Planner, state_entry

    config = stack.config()
    runtime.configure(config.get)
    since = stack.last_update_started()
    for round_number in range(1, MAX_ROUNDS + 1):
        checkpoint = stack.export()
        deployment: Json = checkpoint.setdefault("deployment", {})
        resources: list[Json] = deployment.get("resources") or []
        pending: list[Json] = deployment.get("pending_operations") or []
        held = {str(r["id"]) for r in resources if r.get("id")}
        providers = {
            r["urn"]: str(r["id"]) for r in resources if r.get("type", "").startswith("pulumi:providers:")
        }
        planned = {r["urn"]: r for r in stack.planned_creates()}
        candidates = [Candidate(urn, r, pending=False, declared=True) for urn, r in planned.items()]
        for op in pending:
            resource = op.get("resource") or {}
            if op.get("type") != "creating" or not resource.get("urn"):
                continue
            found = next((c for c in candidates if c.urn == resource["urn"]), None)
            if found is not None:
                found.pending = True
            else:
                candidates.append(Candidate(resource["urn"], resource, pending=True, declared=False))
        planner = Planner(held, since)
        actions = [planner.decide(c) for c in candidates]
        acting = [a for a in actions if a.kind in ("adopt", "delete")]
        if round_number == 1 or acting:
            say(
                f"round {round_number}: {len(pending)} pending operation(s), {len(planned)} planned create(s)"
            )
            for action in actions:
                if action.kind != "skip" or action.candidate.pending:
                    say(action.describe())
        if not acting and not pending:
            say("nothing to recover: the next `pulumi up` creates what is missing, and nothing twice")
            return 0
        if not confirm():
            return 2
        adopted = [a for a in actions if a.kind == "adopt"]
        resources += [state_entry(a, providers) for a in adopted]
        deployment["resources"] = resources
        deployment["pending_operations"] = []  # each is settled: adopted, deleted or never made
        stack.import_(checkpoint)
        for action in (a for a in actions if a.kind == "delete"):
            _delete(action)
        say(
            f"adopted {len(adopted)}, deleted {sum(a.kind == 'delete' for a in actions)}, "
            f"cleared {len(pending)} pending operation(s)"
        )
        confirm = _already_confirmed
        if not adopted:
            return 0
    say("stopped after the maximum number of rounds; run `pulumi-flex recover` again")
    return 1


def _already_confirmed() -> bool:
    return True


def _delete(action: object) -> None:
    from .plan import Action, provider_of

    assert isinstance(action, Action)
    resource = action.candidate.resource
    provider = provider_of(resource.get("inputs") or {})
    if provider is not None and action.sid:
        provider.delete(action.sid, dict(resource.get("inputs") or {}))
