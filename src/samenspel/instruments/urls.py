from django.urls import path

from samenspel.instruments import views

app_name = "instruments"
urlpatterns = [
    path("gemeenten/<slug:slug>/trajecten/<int:pk>/instrumenten/", views.choose, name="choose"),
]
