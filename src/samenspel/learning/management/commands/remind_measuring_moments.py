# SPDX-License-Identifier: EUPL-1.2
"""Remind responsible officials of coming measuring moments; run daily (cron or a timer)."""

from django.core.management.base import BaseCommand

from samenspel.learning.services import remind


class Command(BaseCommand):
    help = "Remind the responsible officials of measuring moments that end within two weeks."

    def handle(self, *args, **options):
        self.stdout.write(f"{remind()} reminded.")
