# SPDX-License-Identifier: EUPL-1.2
app_name = "learning"
urlpatterns: list = []
