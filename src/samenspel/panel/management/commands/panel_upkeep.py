# SPDX-License-Identifier: EUPL-1.2
"""The panels' daily upkeep (run from cron or a systemd timer): ask members whose profile is a
year old to confirm it, and retire members who no longer answer."""

from django.core.management.base import BaseCommand

from samenspel.panel.services import upkeep


class Command(BaseCommand):
    help = "Ask panel members to confirm their profile once a year; retire silent members."

    def handle(self, *args, **options):
        done = upkeep()
        self.stdout.write(
            f"{done['asked_to_confirm']} member(s) asked to confirm, {done['retired']} retired."
        )
