"""The /api/v1/ tree: one router that every app registers its resources on."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from complexes.api import urls as complexes_api
from evaluations.api import urls as evaluations_api
from interventions.api import urls as interventions_api
from leefbaarheid.api.views import TokenView
from residents.api import urls as residents_api

router = DefaultRouter()
for app_api in (complexes_api, residents_api, interventions_api, evaluations_api):
    app_api.register(router)

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    *router.urls,
]
