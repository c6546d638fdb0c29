from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required, login_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView

from leefbaarheid import views
from leefbaarheid.forms import LoginForm
from leefbaarheid.site import views as site_views
from leefbaarheid.site.search import search_view

admin.site.site_header = _("Leefbaarheid administration")
admin.site.site_title = _("Leefbaarheid")

handler400 = "leefbaarheid.views.bad_request"

urlpatterns = [
    path("", site_views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("search/", search_view, name="search"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path(
        "accounts/password_reset/",
        login_not_required(views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    # The language switch must work on the login page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("complexes/", include("complexes.urls")),
    path("residents/", include("residents.urls")),
    path("interventions/", include("interventions.urls")),
    path("evaluations/", include("evaluations.urls")),
    # One sign-in page for everyone: the admin's own login form would bypass ours.
    path("admin/login/", views.admin_login),
    path("admin/", admin.site.urls),
    path("api/v1/", include("leefbaarheid.site.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        login_required(views.api_docs),
        name="api-docs",
    ),
]
