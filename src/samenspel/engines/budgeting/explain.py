# SPDX-License-Identifier: EUPL-1.2
"""Why a project won or lost, in plain Dutch (B1) or English, from an outcome's round data.

Every sentence is built from :class:`~samenspel.engines.budgeting.model.Outcome` data only: the
round in which a project was bought and who paid how much, or the :class:`Loser` record (the
money its supporters had left, what was missing, where their money went).
"""

from __future__ import annotations

from samenspel.engines.budgeting.model import Election, Loser, Outcome

TEXTS = {
    "nl": {
        "won": "Project {id} ({name}) is gekozen. Het kost {cost}.",
        "won_round": "Het werd gekozen in ronde {round} van {rounds}.",
        "mes_paid": (
            "{payers} kiezers die het project steunden, betaalden het samen. De meesten betaalden "
            "elk {share}, niemand meer dan {most}."
        ),
        "greedy_won": (
            "Het project kreeg veel steun voor zijn prijs en paste nog in het budget toen het aan "
            "de beurt was."
        ),
        "phragmen_won": (
            "De {payers} kiezers die het steunden, hadden samen als eersten genoeg geld om het te "
            "betalen."
        ),
        "lost": "Project {id} ({name}) is niet gekozen. Het kost {cost}.",
        "no_support": "Niemand heeft op dit project gestemd.",
        "unaffordable": (
            "De {supporters} kiezers die het project steunden, hadden aan het eind samen nog "
            "{left} over. Dat is te weinig: er ontbrak {needed}."
        ),
        "spent_on": "Hun geld ging naar andere projecten die zij ook steunden: {items}.",
        "did_not_fit": (
            "Toen dit project aan de beurt was, was er nog {left} over in het budget. Dat is te "
            "weinig: er ontbrak {needed}."
        ),
        "stopped": (
            "De telling stopte voordat dit project aan de beurt kwam, omdat het volgende project "
            "niet meer in het budget paste. Er was nog {left} over."
        ),
        "outbid": (
            "Het project had genoeg steun, maar andere projecten waren goedkoper per tevreden "
            "kiezer; daarna paste het niet meer in het budget ({left} over)."
        ),
        "unknown": "Project {id} staat niet in dit bestand.",
    },
    "en": {
        "won": "Project {id} ({name}) was selected. It costs {cost}.",
        "won_round": "It was selected in round {round} of {rounds}.",
        "mes_paid": (
            "{payers} voters who supported it paid for it together. Most paid {share} each, "
            "nobody more than {most}."
        ),
        "greedy_won": (
            "It had much support for its cost and still fitted in the budget when its turn came."
        ),
        "phragmen_won": (
            "Its {payers} supporters were the first group to have enough money together to pay "
            "for it."
        ),
        "lost": "Project {id} ({name}) was not selected. It costs {cost}.",
        "no_support": "Nobody voted for this project.",
        "unaffordable": (
            "The {supporters} voters who supported it had {left} left together at the end. That "
            "is not enough: {needed} was missing."
        ),
        "spent_on": "Their money went to other projects they also supported: {items}.",
        "did_not_fit": (
            "When its turn came, {left} was left in the budget. That is not enough: {needed} was "
            "missing."
        ),
        "stopped": (
            "The count stopped before its turn, because the next project did not fit in the "
            "budget. {left} was left."
        ),
        "outbid": (
            "It had enough support, but other projects were cheaper per satisfied voter; after "
            "them it no longer fitted in the budget ({left} left)."
        ),
        "unknown": "Project {id} is not in this file.",
    },
}


def money(amount: float, currency: str, lang: str = "nl") -> str:
    """An amount as residents read it: whole units, thousands separated by ``.`` in Dutch and
    ``,`` in English."""
    text = f"{currency} {round(amount):,}".strip()
    return text.replace(",", ".") if lang == "nl" else text


def explain(election: Election, outcome: Outcome, project_id: str, lang: str = "nl") -> str:
    """Why ``project_id`` won or lost under ``outcome``, in ``lang`` (``nl`` or ``en``)."""
    text = TEXTS[lang]
    if project_id not in election.index:
        return text["unknown"].format(id=project_id)
    project = election.project(project_id)
    currency = election.meta_value("currency") or ""
    fmt = {
        "id": project.id,
        "name": project.column("name") or "-",
        "cost": money(float(project.cost), currency, lang),
    }
    round_index = outcome.round_of(project_id)
    if round_index is not None:
        record = outcome.rounds[round_index]
        lines = [
            text["won"].format(**fmt),
            text["won_round"].format(round=round_index + 1, rounds=len(outcome.rounds)),
        ]
        if record.payments:
            sizes = [len(outcome.voter_groups[g]) for g, _ in record.payments]
            amounts = [a for _, a in record.payments]
            share = max(zip(sizes, amounts, strict=True))[1]
            payers = sum(sizes)
            key = "phragmen_won" if outcome.rule == "seq_phragmen" else "mes_paid"
            lines.append(
                text[key].format(
                    payers=payers,
                    share=money(share, currency, lang),
                    most=money(max(amounts), currency, lang),
                )
            )
        elif outcome.rule.startswith("greedy"):
            lines.append(text["greedy_won"])
        return " ".join(lines)
    loser = outcome.loser(project_id)
    lines = [text["lost"].format(**fmt)]
    if loser is not None:
        lines.append(_loser_text(text, loser, currency, lang))
    return " ".join(lines)


def _loser_text(text: dict[str, str], loser: Loser, currency: str, lang: str) -> str:
    values = {
        "supporters": loser.supporters,
        "left": money(loser.supporters_left, currency, lang),
        "needed": money(loser.needed, currency, lang),
    }
    if loser.reason in ("did_not_fit", "stopped", "outbid"):
        values["left"] = money(loser.budget_left, currency, lang)
    sentence = text[loser.reason].format(**values)
    if loser.spent_on:
        items = ", ".join(
            f"{project} ({money(amount, currency, lang)})" for project, amount in loser.spent_on[:3]
        )
        sentence += " " + text["spent_on"].format(items=items)
    return sentence
