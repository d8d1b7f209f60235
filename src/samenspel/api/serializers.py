# SPDX-License-Identifier: EUPL-1.2
"""The API's resources. Field names are Dutch camelCase; what is shown is what the public
pages show, never who wrote input or who registered.

Timestamps and privacy: a meeting's times are public as planned; a timeline event is given to
the hour and input (and its answer) to the day, so that neither can be tied to a person's
visit or login."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samenspel.trajectories.api import InbrengStatus, Phase


def to_hour(moment: datetime) -> datetime:
    return timezone.localtime(moment).replace(minute=0, second=0, microsecond=0)


def to_day(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment else None


class ProvincieSerializer(serializers.Serializer):
    naam = serializers.CharField(source="name")
    slug = serializers.SlugField()


class GemeenteSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="Identifies the municipality in the API and its pages.")
    naam = serializers.CharField(source="name")
    cbsCode = serializers.CharField(source="cbs_code", help_text="CBS municipality code (GM0000).")
    inwoners = serializers.IntegerField(source="inhabitants")
    peildatumInwoners = serializers.DateField(source="inhabitants_reference_date", allow_null=True)
    grootteklasse = serializers.ChoiceField(
        source="size_class", choices=["klein", "middelgroot", "groot"]
    )
    provincie = ProvincieSerializer()
    publiekeTrajecten = serializers.IntegerField(source="public_trajecten")


class GebiedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField(source="name")
    soort = serializers.CharField(source="kind")


class AnkerpuntVersieSerializer(serializers.Serializer):
    versie = serializers.IntegerField(source="number")
    tekst = serializers.CharField(source="text")
    gehouden = serializers.BooleanField(source="held", allow_null=True)
    toelichting = serializers.CharField(source="held_note")
    gewijzigdOp = serializers.SerializerMethodField()

    @extend_schema_field(serializers.DateField())
    def get_gewijzigdOp(self, versie) -> date | None:
        return to_day(versie.changed_at)


class AnkerpuntSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    tekst = serializers.CharField(source="text")
    vastgesteldOp = serializers.DateField(source="set_on")
    gehouden = serializers.BooleanField(source="held", allow_null=True)
    toelichting = serializers.CharField(source="held_note")
    versies = AnkerpuntVersieSerializer(many=True)


class ProcesafsprakenSerializer(serializers.Serializer):
    wieBeslist = serializers.CharField(source="wie_beslist")
    rollen = serializers.CharField()
    watMetInbreng = serializers.CharField(source="wat_met_inbreng")
    terugkoppeling = serializers.CharField()
    raadInformeren = serializers.CharField(source="raad_informeren")


class TredeSerializer(serializers.Serializer):
    """The rung of the participation ladder: as advised, and as chosen by the officials."""

    geadviseerd = serializers.CharField(source="rung")
    gekozen = serializers.CharField(source="chosen_rung", allow_blank=True)
    houding = serializers.CharField(source="stance")
    gekozenHouding = serializers.CharField(source="chosen_stance", allow_blank=True)


class TijdlijnSerializer(serializers.Serializer):
    moment = serializers.SerializerMethodField(help_text="The hour of the event.")
    soort = serializers.CharField(source="kind")
    bericht = serializers.CharField(source="message")

    @extend_schema_field(serializers.DateTimeField())
    def get_moment(self, event) -> datetime:
        return to_hour(event.created)


class TrajectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    gemeente = serializers.SlugField(source="gemeente.slug")
    titel = serializers.CharField(source="title")
    omschrijving = serializers.CharField(source="description")
    initiatiefnemer = serializers.CharField(source="initiator")
    domein = serializers.CharField()
    dossiers = serializers.ListField(child=serializers.CharField(), source="dossier_list")
    gebieden = GebiedSerializer(many=True, source="gebieden.all")
    fase = serializers.ChoiceField(source="phase", choices=Phase.choices)
    trede = serializers.SerializerMethodField()
    ankerpunten = AnkerpuntSerializer(many=True, source="ankerpunten.all")
    procesafspraken = serializers.SerializerMethodField()
    bijgewerktOp = serializers.SerializerMethodField()

    @extend_schema_field(TredeSerializer(allow_null=True))
    def get_trede(self, traject):
        advies = self.context.get("adviezen", {}).get(traject.pk)
        return TredeSerializer(advies).data if advies else None

    @extend_schema_field(ProcesafsprakenSerializer(allow_null=True))
    def get_procesafspraken(self, traject):
        afspraken = getattr(traject, "procesafspraken", None)
        return ProcesafsprakenSerializer(afspraken).data if afspraken else None

    @extend_schema_field(serializers.DateField())
    def get_bijgewerktOp(self, traject) -> date | None:
        return to_day(traject.updated)


class TrajectDetailSerializer(TrajectSerializer):
    tijdlijn = TijdlijnSerializer(many=True, source="public_events")


DOMEINEN = ["fysiek", "sociaal", "economisch", "bestuurlijk"]
ACTOREN = ["gemeenteraad", "college", "ambtenaren", "samenleving"]


class TrajectFilterSerializer(serializers.Serializer):
    """The filters of a municipality's trajectory page."""

    gemeente = serializers.SlugField(required=False, help_text="Slug of the municipality.")
    fase = serializers.ChoiceField(choices=Phase.choices, required=False)
    domein = serializers.ChoiceField(choices=DOMEINEN, required=False)
    gebied = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Search text."
    )


class NewTrajectSerializer(serializers.Serializer):
    """A new trajectory, made by a municipality's system with a key of that municipality."""

    gemeente = serializers.SlugField(help_text="The municipality of the key.")
    titel = serializers.CharField(max_length=200)
    omschrijving = serializers.CharField(max_length=10_000)
    initiatiefnemer = serializers.ChoiceField(choices=ACTOREN)
    domein = serializers.ChoiceField(choices=DOMEINEN)
    dossiers = serializers.CharField(max_length=300, required=False, allow_blank=True)
    gebieden = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        required=False,
        max_length=100,
    )
    openbaar = serializers.BooleanField(required=False, default=True)


#: The API's field for each of the page form's fields.
NEW_TRAJECT_FIELDS = {
    "title": "titel",
    "description": "omschrijving",
    "initiator": "initiatiefnemer",
    "domein": "domein",
    "dossiers": "dossiers",
    "gebieden": "gebieden",
    "is_public": "openbaar",
}


class BijdrageSerializer(serializers.Serializer):
    """Input on a trajectory: its text, status and public answer; never its author."""

    id = serializers.IntegerField()
    traject = serializers.IntegerField(source="traject_id")
    gemeente = serializers.SlugField(source="traject.gemeente.slug")
    bron = serializers.CharField(source="source", help_text="Where it came from, when not online.")
    tekst = serializers.CharField(source="text")
    ontvangenOp = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=InbrengStatus.choices)
    antwoord = serializers.CharField(source="explanation")
    beantwoordOp = serializers.SerializerMethodField()

    @extend_schema_field(serializers.DateField())
    def get_ontvangenOp(self, inbreng) -> date | None:
        return to_day(inbreng.created)

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_beantwoordOp(self, inbreng) -> date | None:
        return to_day(inbreng.answered_at)


class BijdrageFilterSerializer(serializers.Serializer):
    """The filters of a trajectory's feedback page."""

    gemeente = serializers.SlugField(required=False)
    traject = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    status = serializers.ChoiceField(choices=["open", "beantwoord"], required=False)


class VerslagpuntSerializer(serializers.Serializer):
    tekst = serializers.CharField(source="text")
    bijdrage = serializers.IntegerField(source="inbreng_id", allow_null=True)


class BijeenkomstSerializer(serializers.Serializer):
    """A meeting (an instrument's public result): when, where, and its report."""

    id = serializers.IntegerField()
    traject = serializers.IntegerField(source="use.traject_id")
    gemeente = serializers.SlugField(source="gemeente.slug")
    titel = serializers.CharField(source="use.title")
    soort = serializers.CharField(source="kind")
    fase = serializers.ChoiceField(source="use.phase", choices=Phase.choices)
    begint = serializers.DateTimeField(source="starts_at")
    eindigt = serializers.DateTimeField(source="ends_at")
    plaats = serializers.CharField(source="place")
    onlineLink = serializers.CharField(source="online_url")
    gastheer = serializers.CharField(source="host")
    capaciteit = serializers.IntegerField(source="capacity")
    verslag = serializers.CharField(source="report")
    verslagpunten = VerslagpuntSerializer(many=True, source="punten.all")


class BijeenkomstFilterSerializer(serializers.Serializer):
    gemeente = serializers.SlugField(required=False)
    traject = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
