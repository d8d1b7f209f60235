# SPDX-License-Identifier: EUPL-1.2
"""The trajectory pages list the attached instruments through ``{% instrument_uses %}``: the
trajectories app shows them without importing the instruments app."""

import pytest
from django.urls import reverse

from samenspel.testing import make_bijeenkomst, make_gemeente, make_traject

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("view", ["detail", "raadsinformatiebrief"])
def test_trajectory_pages_link_every_attached_instrument(client, view):
    traject = make_traject(make_gemeente())
    bijeenkomst = make_bijeenkomst(traject)
    url = reverse(f"trajectories:{view}", args=[traject.gemeente.slug, traject.pk])
    html = client.get(url).content.decode()
    link = f'<a class="utrecht-link" href="{bijeenkomst.use.get_absolute_url()}">'
    assert f"{link}{bijeenkomst.use.title}</a>" in html
