# SPDX-License-Identifier: EUPL-1.2
"""Erase the personal data of burgerraad answers whose period is over (run daily)."""

from django.core.management.base import BaseCommand

from samenspel.assemblies.services import erase_expired


class Command(BaseCommand):
    help = "Erase names and contact details of residents not drawn (or of a finished burgerraad)."

    def handle(self, *args, **options):
        count = erase_expired()
        self.stdout.write(f"{count} answer(s) erased.")
