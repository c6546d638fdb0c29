"""The `recalculate` command: the recent weeks of the city or of one complex, as far back
as asked, and wrong weeks or an unknown complex refused in Dutch."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from evaluations.models import IndicatorSnapshot
from tests.evaluations.helpers import _this_week
from tests.factories import ComplexFactory


# The recalculate command -------------------------------------------------------------------------
def _command(*args) -> str:
    out = io.StringIO()
    call_command("recalculate", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_command_recalculates_the_recent_weeks_of_the_city(settings, own_complex):
    settings.INDICATOR_RECENT_WEEKS = 3
    ComplexFactory()
    output = _command()
    this_week = _this_week()
    assert output.startswith("6 ")
    assert f"{this_week.shifted(-2)} " in output and output.rstrip().endswith(f"{this_week}.")
    assert IndicatorSnapshot.objects.count() == 6
    assert _command().startswith("0 ")  # nothing changed, nothing written


@pytest.mark.django_db
def test_the_command_limits_the_work_to_one_complex_and_goes_back_as_far_as_asked(
    own_complex, foreign_complex
):
    first = _this_week().shifted(-80)  # beyond the history an edit reaches back to
    output = _command("--complex", str(own_complex.pk), "--from-week", str(first))
    assert output.startswith("81 ")
    assert set(IndicatorSnapshot.objects.values_list("complex", flat=True)) == {own_complex.pk}
    assert IndicatorSnapshot.objects.order_by("week_start").first().week_start == first.monday
    last = _this_week().shifted(-70)
    output = _command(
        "--complex", str(foreign_complex.pk), "--from-week", str(first), "--to-week", str(last)
    )
    assert output.startswith("11 ")
    assert IndicatorSnapshot.objects.filter(complex=foreign_complex).count() == 11


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from-week", "2025-W54"],
            "--from-week: 2025-W54 is geen ISO-week; schrijf de week als 2026-W07.",
        ),
        (
            ["--from-week", "week 3"],
            "--from-week: week 3 is geen ISO-week; schrijf de week als 2026-W07.",
        ),
        (
            ["--to-week", "2025/07"],
            "--to-week: 2025/07 is geen ISO-week; schrijf de week als 2026-W07.",
        ),
        (["--from-week", "2099-W01"], "--from-week: week 2099-W01 moet nog komen."),
    ],
)
def test_the_command_refuses_a_week_that_is_no_week_in_dutch_naming_the_option(args, message):
    with translation.override("nl"), pytest.raises(CommandError) as error:
        _command(*args)
    assert str(error.value) == message
    assert not IndicatorSnapshot.objects.exists()


@pytest.mark.django_db
def test_the_command_refuses_weeks_in_the_wrong_order_and_an_unknown_complex(own_complex):
    this_week = _this_week()
    with pytest.raises(CommandError, match="--from-week"):
        _command("--from-week", str(this_week), "--to-week", str(this_week.shifted(-1)))
    other = ComplexFactory(is_senior=False)
    with pytest.raises(CommandError, match=f"--complex.*{other.pk}"):
        _command("--complex", str(own_complex.pk), "--complex", str(other.pk))
    assert not IndicatorSnapshot.objects.exists()
