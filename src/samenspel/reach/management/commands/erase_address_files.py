# SPDX-License-Identifier: EUPL-1.2
"""Erase the address files whose retention period is over (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from samenspel.reach.services import erase_expired


class Command(BaseCommand):
    help = "Erase address files (and their letters) whose retention period is over."

    def handle(self, *args, **options):
        count = erase_expired()
        self.stdout.write(f"{count} address file(s) erased.")
