# SPDX-License-Identifier: EUPL-1.2
app_name = "assemblies"
urlpatterns: list = []
