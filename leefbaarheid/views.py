from csp.decorators import csp_update
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from drf_spectacular.views import SpectacularSwaggerSplitView

from leefbaarheid import health, params
from leefbaarheid.client import client_address
from leefbaarheid.throttle import attempt_allowed


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """200 when database, broker and worker answer; 503 naming what is down."""
    states = health.health()
    healthy = health.is_healthy(states)
    body = {"status": "ok" if healthy else "down", **states}
    if not healthy:
        body["down"] = sorted(name for name, state in states.items() if state == health.DOWN)
    return JsonResponse(body, status=200 if healthy else 503)


@login_not_required
def admin_login(request):
    """The admin's own login form is replaced by ours; signed-in non-staff users get a 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.GET.get("next", "/admin/"))
    if request.user.is_staff:
        return redirect("admin:index")
    raise PermissionDenied


# Swagger UI sets inline style attributes; only this page may use them.
api_docs = csp_update({"style-src": ["'unsafe-inline'"]})(
    SpectacularSwaggerSplitView.as_view(url_name="api-schema")
)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset request, at most a few mails per hour per e-mail address and per client.

    Beyond either limit the same "mail sent" page shows and nothing is sent, as for an unknown
    address: the answer never tells whether an account exists or a limit was reached.
    """

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        # Both counters count every request, so neither limit is a way around the other.
        per_email = attempt_allowed("reset-email", email, limit=settings.PASSWORD_RESET_PER_EMAIL)
        per_client = attempt_allowed(
            "reset-client",
            client_address(self.request),
            limit=settings.PASSWORD_RESET_PER_CLIENT,
        )
        if per_email and per_client:
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


@login_not_required
def bad_request(request, exception=None):
    """The 400 (handler400): a query parameter ``params.Refused`` names, on a page or for the API
    as ``{"field": ["message"]}``; a body too large is a 413 the API answers in JSON too."""
    too_large = isinstance(exception, RequestDataTooBig | TooManyFieldsSent)
    if request.path_info.startswith("/api/"):
        if isinstance(exception, params.Refused):
            return JsonResponse({exception.field: [str(exception.message)]}, status=400)
        if too_large:
            return JsonResponse({"detail": params.too_large_message()}, status=413)
        return JsonResponse({"detail": _("The request could not be read.")}, status=400)
    if isinstance(exception, params.Refused):
        context = {"message": exception.message}
        return render(request, "bad_request.html", context, status=400)
    return defaults.bad_request(request, exception)
