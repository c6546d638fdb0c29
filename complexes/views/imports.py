"""Import screens: upload a file, preview every row's action and errors, then confirm.

Between preview and confirm the parsed rows wait in the (server-side) session under a random
token; no uploaded file is ever stored. The confirm plans the import again inside the
transaction, so what changed in the meantime is judged afresh.
"""

import secrets
from pathlib import Path

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare
from django.views.decorators.http import require_POST

from complexes.forms import ComplexImportForm
from complexes.imports import (
    ImportFailed,
    ParsedTable,
    column_help,
    import_complexes,
    plan_import,
)
from complexes.models import Corporation
from leefbaarheid import roles

IMPORT_PERMISSIONS = ("complexes.add_complex", "complexes.change_complex")
SESSION_KEY = "complex_import"
EXAMPLE_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "import_example.csv"


def _check_reach(user) -> None:
    """Staff without a corporation have nothing to import into."""
    if not roles.has_role(user, roles.FUNCTIONAL_ADMIN) and not user.corporation_id:
        raise PermissionDenied


def _corporation(user, pk) -> Corporation:
    """The corporation of a pending import, as this user may reach it (else 404)."""
    corporations = Corporation.objects.visible_to(user)
    if not roles.has_role(user, roles.FUNCTIONAL_ADMIN):
        corporations = corporations.filter(pk=user.corporation_id)
    corporation = corporations.filter(pk=pk).first()
    if corporation is None:
        raise Http404
    return corporation


def _preview(request, *, plan, errors, token, filename, status=200):
    return render(
        request,
        "complexes/import_preview.html",
        {
            "plan": plan,
            "errors": errors,
            "summary": plan.summary,
            "token": token if not errors else "",
            "filename": filename,
        },
        status=status,
    )


@permission_required(IMPORT_PERMISSIONS, raise_exception=True)
def complex_import(request):
    """Step 1 (upload) and step 2 (preview) of the import."""
    _check_reach(request.user)
    bound = (request.POST, request.FILES) if request.method == "POST" else ()
    form = ComplexImportForm(*bound, user=request.user)
    if request.method == "POST" and form.is_valid():
        corporation = form.cleaned_data["corporation"]
        plan = plan_import(corporation=corporation, rows=form.table)
        token = secrets.token_urlsafe(24)
        filename = form.cleaned_data["file"].name
        if plan.is_valid:
            request.session[SESSION_KEY] = {
                "token": token,
                "corporation": corporation.pk,
                "filename": filename,
                "table": form.table.to_json(),
            }
        else:
            request.session.pop(SESSION_KEY, None)
        return _preview(request, plan=plan, errors=plan.errors, token=token, filename=filename)
    return render(request, "complexes/import_upload.html", {"form": form, "columns": column_help()})


@require_POST
@permission_required(IMPORT_PERMISSIONS, raise_exception=True)
def complex_import_confirm(request):
    """Step 3: write the previewed rows, all or nothing."""
    _check_reach(request.user)
    pending = request.session.get(SESSION_KEY)
    token = request.POST.get("token", "")
    if not pending or not token or not constant_time_compare(pending["token"], token):
        # Stale tab, a second confirm, or another upload since: start again.
        return redirect("complexes:complex_import")
    corporation = _corporation(request.user, pending["corporation"])
    table = ParsedTable.from_json(pending["table"])
    try:
        summary = import_complexes(corporation=corporation, rows=table, user=request.user)
    except ImportFailed as exc:
        request.session.pop(SESSION_KEY, None)
        plan = exc.plan or plan_import(corporation=corporation, rows=table)
        return _preview(
            request,
            plan=plan,
            errors=exc.row_errors,
            token="",
            filename=pending["filename"],
            status=400,
        )
    except ValidationError as exc:
        raise PermissionDenied from exc
    request.session.pop(SESSION_KEY, None)
    return render(
        request,
        "complexes/import_result.html",
        {"summary": summary, "corporation": corporation, "filename": pending["filename"]},
    )


@permission_required(IMPORT_PERMISSIONS, raise_exception=True)
def complex_import_example(request):
    """The example file the upload page offers, with every column filled in."""
    return FileResponse(
        EXAMPLE_FILE.open("rb"),
        as_attachment=True,
        filename="import_voorbeeld.csv",
        content_type="text/csv; charset=utf-8",
    )
