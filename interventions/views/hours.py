"""Welfare-hours screens: a professional's week grid (rows = complex × kind of work), saving it,
taking last week over, handing the week in (with the grid's cells, in one transaction) or taking
it back, unlocking a locked week from the grid, and the weeks nobody handed in. Approving and
returning are in ``hours_approval`` (the approver's part of the week page in ``hours_decision``).

A welfare professional writes their own week; the functional admin opens anyone's grid with
``?professional=<id>`` and may write it; a team lead (a professional with the approve permission)
reads the grids of their organisation's professionals. Everybody else is refused the grid (403).
Whose grid may be opened is decided by ``selectors.hours_professionals`` (anyone else: 404), a
week to decide or unlock by ``HoursWeek.objects.approvable_by`` (404). Every write is one service
call, all-or-nothing; the service's errors come back keyed by the input's name.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from complexes.models import Complex
from interventions import selectors, services
from interventions.choices import WeekStatus, WorkKind
from interventions.forms import hours as hours_forms
from interventions.models import HoursWeek
from interventions.views.hours_decision import decision_context
from leefbaarheid import bounds, numbers, params, roles, weeks
from leefbaarheid.web import is_htmx
from leefbaarheid.weeks import Week

VIEW_WEEK = "interventions.view_hoursweek"
CHANGE_WEEK = "interventions.change_hoursweek"
APPROVE = f"interventions.{roles.APPROVE_HOURS}"
UNLOCK = f"interventions.{roles.UNLOCK_HOURS}"
ZERO = Decimal("0.00")


# Small helpers --------------------------------------------------------------------------------


def person(user) -> str:
    return user.get_full_name() or user.get_username()


def hours_text(value: Decimal | None) -> str:
    """Hours as people write them in the active language: ``1,5`` rather than ``1.50``."""
    return numbers.format_hours(value)


def unlock_and_say(request, unlock, *, week: int, professional) -> None:
    """Unlock a week through ``unlock`` and say how it went: a refusal as an error message."""
    try:
        unlock()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Week %(week)s of %(person)s is unlocked: its hours can be changed again.")
            % {"week": week, "person": person(professional)},
        )


def _week_or_404(year: int, week: int) -> Week:
    if not weeks.is_valid(year, week):
        raise Http404
    return Week(year, week)


def _professional(request):
    """Whose grid: ``?professional=<id>`` within the professionals the user may see (else 404),
    or the signed-in professional; None when a functional admin has not chosen yet."""
    value = request.GET.get("professional", "")
    if value:
        pk = params.id_or_none(value)
        if pk is None:
            raise Http404
        return get_object_or_404(selectors.hours_professionals(user=request.user), pk=pk)
    if roles.has_role(request.user, roles.WELFARE_PROFESSIONAL):
        return request.user
    return None


def _professional_or_404(request):
    professional = _professional(request)
    if professional is None:
        raise Http404
    return professional


def may_write(user, professional) -> bool:
    """The service's rule, asked beforehand to show or disable the inputs: the professional
    themselves, or the functional admin."""
    return user.pk == professional.pk or roles.has_role(user, roles.FUNCTIONAL_ADMIN)


def grid_url(user, professional, week: Week, name: str = "hours_week") -> str:
    url = reverse(f"interventions:{name}", args=[week.year, week.week])
    return url if professional.pk == user.pk else f"{url}?professional={professional.pk}"


def lock_reason(week: Week, hours_week: HoursWeek | None, today) -> str | None:
    """Why this week's cells cannot change now (a week still to come, submitted, approved,
    past the grace period), or None."""
    if week.monday > today:
        return _("Hours cannot be logged for a week still to come.")
    return services.hours_week_lock(week, hours_week, today)


def _error_dict(error: ValidationError) -> dict[str, str]:
    if hasattr(error, "error_dict"):
        return {key: " ".join(messages_) for key, messages_ in error.message_dict.items()}
    return {"week": " ".join(error.messages)}


# The week grid ---------------------------------------------------------------------------------


def _row(complex_, kind: str, *, entry, previous, posted, errors, editable) -> dict:
    """One row of the grid: the inputs' names, their value (as posted after an error, else as
    saved), last week's hours as a hint and the errors on the row."""
    name = hours_forms.cell_name(complex_.pk, kind)
    note = hours_forms.note_name(complex_.pk, kind)
    was_hours, was_note = hours_forms.was_names(complex_.pk, kind)
    if posted is not None:
        value, note_value = posted.get("hours", ""), posted.get("note", "")
    else:
        value = hours_text(entry.hours) if entry else ""
        note_value = entry.note if entry else ""
    # What the writer saw stays what they saw, until an error on the cell showed them what is
    # saved now (someone else's hours, say): from then on that is what they saw.
    if posted is not None and "was" in posted and not (errors.get(name) or errors.get(note)):
        was = posted["was"]
    else:
        was = (str(entry.hours), entry.note) if entry else ("", "")
    return {
        "name": name,
        "note_name": note,
        "was_hours_name": was_hours,
        "was_note_name": was_note,
        "was_hours": was[0],
        "was_note": was[1],
        "complex_name": complex_.name,
        "kind_label": WorkKind(kind).label,
        "value": value,
        "note": note_value,
        # Last week is an offer to the writer, never shown where nothing can be typed.
        "hint": hours_text(previous.hours) if previous and editable else "",
        "error": errors.get(name, ""),
        "note_error": errors.get(note, ""),
        "editable": editable,
    }


def _complexes_in_sight(professional, keys) -> tuple:
    """The assigned complexes (as a queryset and as a list) and the others that ``keys``
    ((complex id, kind) cells logged or posted this week) reach."""
    fields = ("pk", "name", "is_senior", "joined_on")
    assigned_complexes = professional.assigned_complexes.order_by("name").only(*fields)
    assigned = list(assigned_complexes)
    extra_ids = {complex_id for complex_id, _kind in keys} - {c.pk for c in assigned}
    # Cells of a complex no longer assigned stay in sight, read-only: the service refuses them.
    extra = list(Complex.objects.filter(pk__in=extra_ids).order_by("name").only(*fields))
    return assigned_complexes, assigned, extra


def _group(
    complex_, week: Week, *, is_assigned, entries, previous, posted, norm, errors, editable
) -> dict:
    """One complex of the grid: the rows that have hours, the rows of last week (assigned
    complexes of an editable grid only) and the rows posted, with the complex's total against
    its norm (as text, and as a plain number for the totals counted while typing)."""
    offered = set(previous) if is_assigned and editable else set()
    shown = set(entries) | set(posted) | offered
    rows = [
        _row(
            complex_,
            kind,
            entry=entries.get((complex_.pk, kind)),
            previous=previous.get((complex_.pk, kind)),
            posted=posted.get((complex_.pk, kind)),
            errors=errors,
            editable=editable and is_assigned,
        )
        for kind in WorkKind.values
        if (complex_.pk, kind) in shown
    ]
    total = sum((entry.hours for (cid, _k), entry in entries.items() if cid == complex_.pk), ZERO)
    # The norm applies in a funded week of a senior complex that had joined by then;
    # hours logged in another week still count, they are just not judged.
    funded = complex_.is_senior and norm.counts(complex_.pk, week)
    expected = norm.week_norm(complex_.pk, week) if funded else None
    return {
        "complex": complex_,
        "assigned": is_assigned,
        "rows": rows,
        "total": hours_text(total),
        "norm": hours_text(expected),
        "norm_value": str(expected) if funded else "",
        "funded": funded,
        "met": funded and total >= expected,
    }


def _groups(professional, week: Week, *, editable: bool, posted_cells, errors) -> dict:
    """The grid per complex: the assigned complexes (and any other complex the professional
    logged in this week), each with the rows that have hours, in an editable grid the rows of
    last week (empty, last week's hours as a hint beside the input) and the rows posted; the
    total against the norm."""
    entries = selectors.week_entries(professional=professional, week=week)
    previous = selectors.week_entries(professional=professional, week=week.shifted(-1))
    posted = {(cell["complex_id"], cell["kind"]): cell for cell in posted_cells}
    assigned_complexes, assigned, extra = _complexes_in_sight(professional, [*entries, *posted])
    norm = selectors.welfare_norm_of(
        [{"pk": complex_.pk, "joined_on": complex_.joined_on} for complex_ in [*assigned, *extra]],
        years=[week.year],
    )
    groups = [
        _group(
            complex_,
            week,
            is_assigned=complex_ in assigned,
            entries=entries,
            previous=previous,
            posted=posted,
            norm=norm,
            errors=errors,
            editable=editable,
        )
        for complex_ in [*assigned, *extra]
    ]
    week_total = sum((entry.hours for entry in entries.values()), ZERO)
    # The calendar the professional works by: their (first) complex's, else the city's.
    calendar = norm.calendar(week.year, assigned[0].pk if assigned else None)
    return {
        "groups": groups,
        "week_total": hours_text(week_total),
        "norm": hours_text(calendar.hours_per_week),
        "norm_text": calendar.describe(),
        "week_funded": calendar.is_funded(week.week),
        "assigned": assigned_complexes,
    }


def _summary(errors: dict[str, str], groups: list[dict]) -> list[dict]:
    """The errors for the top of the page, each linked to its input where it has one."""
    labels = {}
    for group in groups:
        for row in group["rows"]:
            label = f"{row['complex_name']} – {row['kind_label']}"
            labels[row["name"]] = label
            labels[row["note_name"]] = f"{label} ({_('note')})"
    return [
        {"label": labels.get(key, ""), "message": message, "anchor": key if key in labels else ""}
        for key, message in errors.items()
    ]


def _grid_urls(user, professional, week: Week, current: Week) -> dict:
    """Where the grid's forms post and its week buttons lead (none beyond the bounds, none
    past the current week)."""
    return {
        "url": grid_url(user, professional, week),
        "base_url": reverse("interventions:hours_week", args=[week.year, week.week]),
        "submit_url": grid_url(user, professional, week, "hours_week_submit"),
        "withdraw_url": grid_url(user, professional, week, "hours_week_withdraw"),
        "unlock_url": grid_url(user, professional, week, "hours_week_unlock_at"),
        "previous_url": (
            grid_url(user, professional, week.shifted(-1))
            if weeks.is_valid(*week.shifted(-1))
            else ""
        ),
        "next_url": grid_url(user, professional, week.shifted(1)) if week < current else "",
        "current_url": grid_url(user, professional, current) if week != current else "",
    }


def _week_actions(user, professional, week: Week, hours_week, *, lock, today) -> dict:
    """What can be done to the week as a whole: hand it in (from its Friday on; before, from
    when), take a submission back, unlock it; and why it came back, when it was returned."""
    writer = may_write(user, professional)
    status = hours_week.status if hours_week else WeekStatus.OPEN
    handing_in = writer and status in (WeekStatus.OPEN, WeekStatus.RETURNED)
    first_day = services.first_submit_day(week)
    returned = None
    if status == WeekStatus.RETURNED:
        returned = {
            "note": hours_week.return_note,
            "by": person(hours_week.decided_by) if hours_week.decided_by else "",
            "at": hours_week.returned_at,
        }
    return {
        "may_submit": handing_in and first_day <= today,
        "submit_from": first_day if handing_in and today < first_day else None,
        "may_withdraw": writer and status == WeekStatus.SUBMITTED,
        "may_unlock": (
            user.has_perm(UNLOCK)
            and professional.pk != user.pk
            and status != WeekStatus.SUBMITTED
            and week.monday <= today
            and lock is not None
        ),
        "returned": returned,
    }


def _grid_context(
    request,
    professional,
    week: Week,
    *,
    posted_cells=(),
    errors=None,
    taken_over: bool = False,
    submitting: bool = False,
) -> dict:
    """Everything the week grid shows: status, lock, rows, totals, the buttons that apply.
    ``taken_over``: last week's hours were just filled in, unsaved; ``submitting``: the errors
    come from handing the week in (nothing saved, nothing submitted)."""
    user = request.user
    errors = errors or {}
    today = timezone.localdate()
    hours_week = selectors.week_status(professional=professional, week=week)
    lock = lock_reason(week, hours_week, today)
    editable = may_write(user, professional) and lock is None
    grid = _groups(professional, week, editable=editable, posted_cells=posted_cells, errors=errors)
    status = hours_week.status if hours_week else WeekStatus.OPEN
    professionals = selectors.hours_professionals(user=user)
    return {
        **grid,
        "week": week,
        "professional": professional,
        "own": professional.pk == user.pk,
        "professional_name": person(professional),
        "hours_week": hours_week,
        "status": status,
        "status_label": WeekStatus(status).label,
        "locked": lock is not None and status == WeekStatus.OPEN,
        "lock": lock,
        "editable": editable,
        **_week_actions(user, professional, week, hours_week, lock=lock, today=today),
        "may_take_over": editable and any(row["hint"] for g in grid["groups"] for row in g["rows"]),
        "taken_over": taken_over,
        "submitting": submitting,
        "decimal_separator": get_format("DECIMAL_SEPARATOR"),
        "errors": errors,
        "error_summary": _summary(errors, grid["groups"]),
        **_grid_urls(user, professional, week, Week.of(today)),
        "add_form": hours_forms.AddRowForm(complexes=grid["assigned"]),
        "choose_form": (
            hours_forms.ProfessionalForm(
                initial={"professional": professional.pk}, professionals=professionals
            )
            if user.has_perm(APPROVE)
            else None
        ),
        **decision_context(request, professional, week, hours_week),
    }


def _render_grid(request, context):
    """The page, or only the grid for htmx (the week buttons swap it)."""
    partial = is_htmx(request)
    template = "hours_week_grid.html" if partial else "hours_week.html"
    return render(request, f"interventions/{template}", context)


@permission_required(CHANGE_WEEK, raise_exception=True)
@require_http_methods(["GET", "POST"])
def hours_week(request, year: int | None = None, week: int | None = None):
    """The week grid (this week without year and week). GET shows it (htmx: only the grid, or
    one new row when ``add_complex`` is asked for); POST saves the whole week at once."""
    week_ = _week_or_404(year, week) if year is not None else Week.of(timezone.localdate())
    professional = _professional(request)
    if professional is None:
        if request.method == "POST":
            raise Http404
        return _choose(request, week_)
    if request.method == "POST" and "take_over" in request.POST:
        return _take_over(request, professional, week_)
    if request.method == "POST":
        return _save(request, professional, week_)
    if "add_complex" in request.GET:
        return _add_row(request, professional, week_)
    return _render_grid(request, _grid_context(request, professional, week_))


def _choose(request, week: Week):
    """The functional admin first picks whose week to open."""
    form = hours_forms.ProfessionalForm(
        professionals=selectors.hours_professionals(user=request.user)
    )
    action = reverse("interventions:hours_week", args=[week.year, week.week])
    return render(
        request, "interventions/hours_choose.html", {"form": form, "week": week, "action": action}
    )


def _posted_cells(request) -> list[dict]:
    """The grid's cells in the POST, each with its complex; a complex this user cannot see
    (or no id at all) is a 404, never saying whether it exists."""
    cells = hours_forms.parse_cells(request.POST)
    ids = {cell["complex_id"] for cell in cells}
    if not all(bounds.id_in_range(pk) for pk in ids):
        raise Http404
    complexes = selectors.hours_complexes(user=request.user).filter(pk__in=ids).in_bulk()
    if len(complexes) != len(ids):
        raise Http404
    for cell in cells:
        cell["complex"] = complexes[cell["complex_id"]]
    return cells


def _save(request, professional, week: Week):
    """All cells of the week in one service call; on an error nothing is saved and the grid
    comes back as typed, with the error on its cell and a summary at the top."""
    done = _("The hours of week %(week)s are saved.")
    return _write_grid(request, professional, week, services.hours_save_cells, done)


def _write_grid(request, professional, week: Week, write, done: str, *, submitting=False):
    """The grid's cells through the service ``write`` (save, or save and submit), all or
    nothing: on an error the grid comes back as typed with the errors; else back to the grid
    with ``done``."""
    if not may_write(request.user, professional):
        raise PermissionDenied
    cells = _posted_cells(request)
    try:
        write(user=request.user, professional=professional, week=week, cells=cells)
    except ValidationError as error:
        context = _grid_context(
            request,
            professional,
            week,
            posted_cells=cells,
            errors=_error_dict(error),
            submitting=submitting,
        )
        return _render_grid(request, context)
    messages.success(request, done % {"week": week.week})
    return redirect(grid_url(request.user, professional, week))


def _take_over(request, professional, week: Week):
    """Take over last week: the grid as posted, with last week's hours in every empty cell
    of an assigned complex (not its notes). Nothing is saved: the writer checks, then saves."""
    if not may_write(request.user, professional):
        raise PermissionDenied
    cells = _posted_cells(request)
    lock = lock_reason(
        week, selectors.week_status(professional=professional, week=week), timezone.localdate()
    )
    if lock is None:
        _fill_from_last_week(professional, week, cells)
    context = _grid_context(
        request, professional, week, posted_cells=cells, taken_over=lock is None
    )
    return _render_grid(request, context)


def _fill_from_last_week(professional, week: Week, cells: list[dict]) -> None:
    """Last week's hours into the empty ``cells``, and as new cells for last week's rows the
    grid did not post and this week has no hours in."""
    previous = selectors.week_entries(professional=professional, week=week.shifted(-1))
    current = selectors.week_entries(professional=professional, week=week)
    assigned = set(professional.assigned_complexes.values_list("pk", flat=True))
    posted = {(cell["complex_id"], cell["kind"]): cell for cell in cells}
    for (complex_id, kind), entry in previous.items():
        cell = posted.get((complex_id, kind))
        if complex_id not in assigned:
            continue
        if cell is None and (complex_id, kind) not in current:
            cells.append(
                {
                    "complex_id": complex_id,
                    "kind": kind,
                    "hours": hours_text(entry.hours),
                    "note": "",
                }
            )
        elif cell is not None and not cell["hours"]:
            cell["hours"] = hours_text(entry.hours)


def _add_row(request, professional, week: Week):
    """One new, empty row for the grid (htmx): swapped into its complex's rows, or a message
    when it cannot be added."""
    if not may_write(request.user, professional):
        raise PermissionDenied
    today = timezone.localdate()
    lock = lock_reason(week, selectors.week_status(professional=professional, week=week), today)
    value = request.GET.get("add_complex", "")
    if lock:
        return _add_message(request, lock)
    pk = params.id_or_none(value)
    if pk is None:
        return _add_message(request, _("Choose a complex to add a row for."))
    visible = selectors.hours_complexes(user=request.user).values("pk")
    complex_ = get_object_or_404(
        professional.assigned_complexes.filter(pk__in=visible).only("pk", "name"), pk=pk
    )
    kind = request.GET.get("add_kind", "")
    if kind not in WorkKind.values:
        return _add_message(request, _("Choose a kind of work from the list."))
    name = hours_forms.cell_name(complex_.pk, kind)
    if name in hours_forms.posted_cell_names(request.GET):
        return _add_message(
            request,
            _("%(complex)s – %(kind)s is already in the grid.")
            % {"complex": complex_.name, "kind": WorkKind(kind).label},
        )
    previous = selectors.week_entries(professional=professional, week=week.shifted(-1))
    row = _row(
        complex_,
        kind,
        entry=None,
        previous=previous.get((complex_.pk, kind)),
        posted=None,
        errors={},
        editable=True,
    )
    response = render(request, "interventions/hours_week_row.html", {"row": row, "focus": True})
    response["HX-Retarget"] = f"#hours-complex-{complex_.pk}"
    response["HX-Reswap"] = "beforeend"
    return response


def _add_message(request, message: str) -> HttpResponse:
    return render(request, "interventions/hours_week_message.html", {"message": message})


def _week_step(request, year: int, week: int, step, done: str) -> HttpResponse:
    """Submit or withdraw a week through the service ``step``; a refusal becomes a message,
    a missing right a 403. Back to the grid either way."""
    week_ = _week_or_404(year, week)
    professional = _professional_or_404(request)
    try:
        step(user=request.user, professional=professional, week=week_)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done % {"week": week_.week})
    return redirect(grid_url(request.user, professional, week_))


@permission_required(CHANGE_WEEK, raise_exception=True)
@require_POST
def hours_week_submit(request, year: int, week: int):
    """Hand the week in for approval; it cannot change until it is approved or returned. Sent
    from the grid, with its cells: those are saved first, in the same transaction."""
    done = _("Week %(week)s is submitted for approval.")
    if not hours_forms.posted_cell_names(request.POST):
        return _week_step(request, year, week, services.hours_week_submit, done)
    # From the grid's own form: its cells are saved and the week submitted at once.
    week_ = _week_or_404(year, week)
    professional = _professional_or_404(request)
    return _write_grid(
        request, professional, week_, services.hours_save_and_submit, done, submitting=True
    )


@permission_required(CHANGE_WEEK, raise_exception=True)
@require_POST
def hours_week_withdraw(request, year: int, week: int):
    """Take a submission back to change the week (before it is approved)."""
    done = _("The submission of week %(week)s is withdrawn.")
    return _week_step(request, year, week, services.hours_week_withdraw, done)


@permission_required(UNLOCK, raise_exception=True)
@require_POST
def hours_week_unlock_at(request, year: int, week: int):
    """Unlock a week from the professional's grid, also a week they never saved anything in."""
    iso_week = _week_or_404(year, week)
    professional = _professional_or_404(request)
    unlock_and_say(
        request,
        lambda: services.hours_week_unlock_at(
            professional=professional, week=iso_week, user=request.user
        ),
        week=week,
        professional=professional,
    )
    return redirect(grid_url(request.user, professional, iso_week))


# Missing weeks -------------------------------------------------------------------------------


@permission_required(VIEW_WEEK, raise_exception=True)
def hours_missing(request):
    """Per professional the recent weeks not handed in, with the hours already logged; those
    who may open a grid get a link to each week."""
    user = request.user
    rows = selectors.hours_missing_weeks(user=user)
    linked = user.has_perm(CHANGE_WEEK)
    for row in rows:
        row["name"] = person(row["professional"])
        for item in row["weeks"]:
            item["hours_text"] = hours_text(item["hours"])
            item["url"] = grid_url(user, row["professional"], item["week"]) if linked else ""
    return render(request, "interventions/hours_missing.html", {"rows": rows})
