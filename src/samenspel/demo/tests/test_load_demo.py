# SPDX-License-Identifier: EUPL-1.2
"""The demo loads from what the repository ships: the CBS excerpt is package data."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from samenspel.municipalities.services import Gemeente


@pytest.mark.django_db
def test_load_demo_reads_the_shipped_cbs_excerpt() -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Demo loaded" in out.getvalue()
    zeist = Gemeente.objects.get(cbs_code="GM0355")
    # gemeenten_2024.csv and wijken_2024.csv of the excerpt (Bron: CBS).
    assert (zeist.name, zeist.inhabitants) == ("Zeist", 66641)
    assert zeist.inhabitants_reference_date == date(2024, 1, 1)
    wijken = dict(zeist.gebieden.values_list("cbs_code", "inhabitants"))
    assert len(wijken) == 5 and wijken["WK035502"] == 17345
    assert Gemeente.objects.count() == 9  # with three more of Gelderland (issue 19)

    # Amersfoort's letters: a synthetic address file by wijk, 100 letters, 23 codes used.
    from samenspel.reach.models import AddressFile, Batch, Code

    amersfoort = Gemeente.objects.get(cbs_code="GM0307")
    assert AddressFile.objects.get(gemeente=amersfoort).rows == 4000
    batch = Batch.objects.get(gemeente=amersfoort)
    assert sum(batch.per_stratum.values()) == 100 and batch.pdf_id and batch.csv_id
    assert Code.objects.filter(invitation__batch=batch, redeemed__isnull=False).count() == 23

    # Zeist's burgerpanel: 1,500 skewed members, two consultations with results and feedback.
    from samenspel.panel import services as panel

    assert panel.Member.objects.filter(gemeente=zeist).count() == 1500
    consultations = panel.Consultation.objects.filter(gemeente=zeist)
    assert consultations.count() == 2
    for consultation in consultations:
        assert consultation.feedback_given and consultation.inbreng_id
        assert not panel.results(consultation)["too_few"]

    again = StringIO()
    call_command("load_demo", stdout=again)
    assert "already present" in again.getvalue()
    assert Gemeente.objects.count() == 9  # with three more of Gelderland (issue 19)


@pytest.mark.django_db
def test_demo_trajectories_in_later_phases_respect_the_councils_frame() -> None:
    from samenspel.trajectories.services import Traject, overrides_for

    call_command("load_demo", stdout=StringIO())
    slot = Traject.objects.get(title__startswith="Slot Zeist")
    assert slot.phase == "besluitvorming"
    assert not slot.phase_changes.exclude(overridden="").exists()  # its frame was complete
    battle = Traject.objects.get(title__startswith="Z-battle")
    assert battle.phase == "participatie"
    assert [c.traject for c in overrides_for(battle.gemeente)] == [battle]
    dialoog = Traject.objects.get(title__startswith="Bezuinigingsdialoog")
    assert dialoog.phase == "evaluatie" and dialoog.ankerpunten.get().held is True
