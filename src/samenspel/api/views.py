# SPDX-License-Identifier: EUPL-1.2
"""The API's views (/api/v1/): thin, the queries are the other apps' public ones."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import exceptions, generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from samenspel.advice.services import latest_adviezen
from samenspel.api import serializers, services
from samenspel.api.exports import write_trajecten_csv
from samenspel.api.forms import ApiKeyForm
from samenspel.api.http import ApiViewMixin, Pagination
from samenspel.core.http import require, submit_once
from samenspel.meetings.services import calendar_feed, public_bijeenkomsten
from samenspel.municipalities.services import gemeenten_with_counts, get_gemeente
from samenspel.trajectories import services as trajectories

IDEMPOTENCY_KEY = "Idempotency-Key"


def _filters(serializer_class, request) -> dict:
    """The query's filters, checked (a wrong value is a 400 with the parameter named)."""
    filters = serializer_class(data=request.query_params)
    filters.is_valid(raise_exception=True)
    return filters.validated_data


@extend_schema(tags=["gemeenten"])
class GemeenteList(ApiViewMixin, generics.ListAPIView):
    """The municipalities, with their size class and CBS figures."""

    serializer_class = serializers.GemeenteSerializer
    pagination_class = Pagination

    def get_queryset(self):
        return gemeenten_with_counts().order_by("name", "id")


@extend_schema(tags=["gemeenten"])
class GemeenteDetail(ApiViewMixin, generics.RetrieveAPIView):
    serializer_class = serializers.GemeenteSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return gemeenten_with_counts()


class TrajectMixin(ApiViewMixin):
    pagination_class = Pagination

    def get_queryset(self):
        return trajectories.public_trajecten()

    def get_serializer_context(self):
        context = super().get_serializer_context()  # type: ignore[misc]
        context["adviezen"] = getattr(self, "adviezen", {})
        return context

    def load_adviezen(self, trajecten) -> None:
        self.adviezen = latest_adviezen(t.pk for t in trajecten)


@extend_schema(tags=["trajecten"])
class TrajectList(TrajectMixin, generics.ListAPIView):
    """Public trajectories, filtered as on a municipality's page; municipal systems create
    trajectories here with an API key that has the scope ``trajecten:aanmaken``."""

    serializer_class = serializers.TrajectSerializer
    required_scope = services.Scope.TRAJECT_CREATE

    def filter_queryset(self, queryset):
        filters = _filters(serializers.TrajectFilterSerializer, self.request)
        if "gemeente" in filters:
            queryset = queryset.filter(gemeente__slug=filters["gemeente"])
        return trajectories.filter_trajecten(
            queryset,
            fase=filters.get("fase", ""),
            domein=filters.get("domein", ""),
            gebied=filters.get("gebied"),
            q=filters.get("q", ""),
        )

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.load_adviezen(page or [])
        return page

    @extend_schema(parameters=[serializers.TrajectFilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=serializers.NewTrajectSerializer,
        responses={201: serializers.TrajectSerializer},
        parameters=[
            OpenApiParameter(
                IDEMPOTENCY_KEY,
                str,
                OpenApiParameter.HEADER,
                description="A retry with the same key gets the first answer again.",
            )
        ],
    )
    def post(self, request, *args, **kwargs):
        key = request.auth
        idempotency_key = request.headers.get(IDEMPOTENCY_KEY, "")[:64]
        if idempotency_key and (done := services.remembered_answer(key, idempotency_key)):
            return Response(done.body, status=done.status)
        body = serializers.NewTrajectSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if data["gemeente"] != key.gemeente.slug:
            services.record_use(key, "permission", detail=f"refused for {data['gemeente']}"[:500])
            raise exceptions.PermissionDenied("Deze API-sleutel hoort bij een andere gemeente.")
        try:
            with transaction.atomic():
                traject = self._create(key, data)
                answer = self.get_serializer(traject).data
                if idempotency_key:
                    services.remember_answer(key, idempotency_key, status.HTTP_201_CREATED, answer)
        except IntegrityError:
            done = services.remembered_answer(key, idempotency_key)
            if done is None:
                raise
            return Response(done.body, status=done.status)
        return Response(answer, status=status.HTTP_201_CREATED)

    def _create(self, key, data):
        form_data = {
            field: data[name]
            for field, name in serializers.NEW_TRAJECT_FIELDS.items()
            if name in data
        }
        try:
            traject = trajectories.create_checked_traject(None, key.gemeente, form_data)
        except trajectories.TrajectInvalid as invalid:
            raise exceptions.ValidationError(
                {serializers.NEW_TRAJECT_FIELDS[f]: e for f, e in invalid.errors.items()}
            ) from invalid
        services.record_use(key, "create", traject, detail="POST /api/v1/trajecten")
        return trajectories.public_trajecten().get(pk=traject.pk) if traject.is_public else traject


@extend_schema(tags=["trajecten"])
class TrajectDetail(TrajectMixin, generics.RetrieveAPIView):
    """A public trajectory with its timeline."""

    serializer_class = serializers.TrajectDetailSerializer

    def get_object(self):
        traject = super().get_object()
        self.load_adviezen([traject])
        traject.public_events = list(
            trajectories.public_timeline(traject)[: trajectories.EVENTS_SHOWN]
        )
        return traject


class BijdrageMixin(ApiViewMixin):
    serializer_class = serializers.BijdrageSerializer
    pagination_class = Pagination

    def get_queryset(self):
        return trajectories.public_inbreng()


@extend_schema(tags=["bijdragen"], parameters=[serializers.BijdrageFilterSerializer])
class BijdrageList(BijdrageMixin, generics.ListAPIView):
    """Input on public trajectories, with its status and public answer (never its author)."""

    def filter_queryset(self, queryset):
        filters = _filters(serializers.BijdrageFilterSerializer, self.request)
        if "gemeente" in filters:
            queryset = queryset.filter(traject__gemeente__slug=filters["gemeente"])
        if "traject" in filters:
            queryset = queryset.filter(traject_id=filters["traject"])
        return trajectories.filter_inbreng(queryset, filters.get("status", ""))


@extend_schema(tags=["bijdragen"])
class BijdrageDetail(BijdrageMixin, generics.RetrieveAPIView):
    pass


class BijeenkomstMixin(ApiViewMixin):
    serializer_class = serializers.BijeenkomstSerializer
    pagination_class = Pagination

    def get_queryset(self):
        return public_bijeenkomsten()


@extend_schema(tags=["bijeenkomsten"], parameters=[serializers.BijeenkomstFilterSerializer])
class BijeenkomstList(BijeenkomstMixin, generics.ListAPIView):
    """Meetings of public trajectories (stamtafels, information markets, …) and their reports."""

    def filter_queryset(self, queryset):
        filters = _filters(serializers.BijeenkomstFilterSerializer, self.request)
        if "gemeente" in filters:
            queryset = queryset.filter(gemeente__slug=filters["gemeente"])
        if "traject" in filters:
            queryset = queryset.filter(use__traject_id=filters["traject"])
        return queryset


@extend_schema(tags=["bijeenkomsten"])
class BijeenkomstDetail(BijeenkomstMixin, generics.RetrieveAPIView):
    pass


class OpenApiDocument(ApiViewMixin, SpectacularJSONAPIView):
    """The OpenAPI 3 document of this API."""

    permission_classes: list = []


@extend_schema(exclude=True)
class NotFound(ApiViewMixin, APIView):
    """Any other path under /api/v1/: a problem document, not the HTML error page."""

    def get(self, request, *args, **kwargs):
        raise Http404

    post = put = patch = delete = get


#: The session key under which a new key's token waits to be shown, once.
NEW_TOKEN = "api_new_token"


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def keys(request, slug):
    """A municipality's API keys: make one (its token is shown once) or revoke one."""
    gemeente = get_gemeente(slug)
    require(request, "api.manage_keys", gemeente)
    form = ApiKeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _key, token = services.issue_key(
            request.user, gemeente, form.cleaned_data["name"], form.cleaned_data["scopes"]
        )
        request.session[NEW_TOKEN] = token
        return redirect("apikeys:list", slug)
    context = {
        "gemeente": gemeente,
        "form": form,
        "keys": services.keys_of(gemeente),
        "new_token": request.session.pop(NEW_TOKEN, ""),
    }
    return render(request, "api/keys.html", context)


@login_required
@require_POST
def revoke(request, slug, pk):
    gemeente = get_gemeente(slug)
    require(request, "api.manage_keys", gemeente)
    key = get_object_or_404(services.keys_of(gemeente), pk=pk)
    services.revoke_key(request.user, key)
    messages.success(request, _("The key %(name)s was revoked.") % {"name": key.name})
    return redirect("apikeys:list", slug)


def trajecten_csv(request, slug):
    """Open data: the municipality's public trajectories as CSV, for anyone to reuse."""
    gemeente = get_gemeente(slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="trajecten-{gemeente.slug}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    write_trajecten_csv(response, gemeente, request.build_absolute_uri("/").rstrip("/"))
    return response


def bijeenkomsten_ics(request, slug):
    """Open data: the municipality's public meetings as a calendar feed to subscribe to."""
    gemeente = get_gemeente(slug)
    meetings = public_bijeenkomsten().filter(gemeente=gemeente)
    feed = calendar_feed(
        ((b, request.build_absolute_uri(b.get_absolute_url())) for b in meetings),
        timezone.now(),
        name=_("Meetings in %(gemeente)s") % {"gemeente": gemeente.name},
    )
    response = HttpResponse(feed, content_type="text/calendar; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response
