# SPDX-License-Identifier: EUPL-1.2
"""The advice as plain text, for the command line."""

from __future__ import annotations

from collections.abc import Callable

from .engine import show
from .messages import message
from .types import Advice, Counterfactual


def report(advice: Advice) -> str:
    lang = advice.lang

    def say(code: str, **params: object) -> str:
        return message(lang, code, **params)

    lines = [
        say("h_title", kader=advice.kader_version_id),
        "",
        say("h_rung", value=advice.rung),
        say("h_stance", value=advice.stance),
        say("h_role", value=advice.role),
    ]
    if advice.first_steps:
        lines += ["", say("h_first_steps")]
        lines += [f"  {n}. {s.text}" for n, s in enumerate(advice.first_steps, start=1)]
    lines += ["", say("h_instruments")]
    for n, instrument in enumerate(advice.instruments, start=1):
        lines.append(f"  {n}. {instrument.name} ({instrument.score})")
        lines += [f"     - {why}" for why in instrument.why]
    if not advice.instruments:
        lines.append(f"  {say('h_none')}")
    lines += ["", say("h_preconditions")]
    for pre in advice.preconditions:
        lines.append(f"  [{say('status_' + pre.status)}] {pre.text}")
    lines += ["", say("h_risks")]
    for risk in advice.risks:
        raised = ", ".join(f"{q} = {show(a, lang)}" for q, a in risk.raised_by)
        lines.append(f"  - {risk.text} ({say('h_raised_by')}: {raised})")
    if not advice.risks:
        lines.append(f"  {say('h_none')}")
    lines += ["", say("h_explanation")]
    lines += [f"  - {step.text}" for step in advice.explanation]
    for code, counterfactual in (("h_higher", advice.higher), ("h_lower", advice.lower)):
        lines += _counterfactual(counterfactual, say(code, rung=counterfactual.rung), say)
    if advice.unknowns:
        lines += ["", say("h_unknowns")]
        lines += [f"  - {change.text}" for change in advice.unknowns]
    return "\n".join(lines)


def _counterfactual(
    counterfactual: Counterfactual, heading: str, say: Callable[..., str]
) -> list[str]:
    if counterfactual.rung is None:
        return []
    lines = ["", heading]
    lines += [f"  - {change.text}" for change in counterfactual.changes]
    if not counterfactual.changes:
        lines.append(f"  {say('h_no_change')}")
    return lines
