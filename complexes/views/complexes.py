from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django_tables2 import RequestConfig

from complexes import selectors
from complexes.filters import ComplexFilterSet
from complexes.tables import ComplexTable


@permission_required("complexes.view_complex", raise_exception=True)
def complex_list(request):
    """The complexes this user may see, filtered, sorted and paged; htmx swaps just the table."""
    filterset = ComplexFilterSet(
        request.GET, queryset=selectors.complex_list(user=request.user), request=request
    )
    table = ComplexTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    is_htmx = request.headers.get("HX-Request") == "true"
    template = "complexes/_complex_table.html" if is_htmx else "complexes/complex_list.html"
    return render(request, template, {"filter": filterset, "table": table})


@permission_required("complexes.view_complex", raise_exception=True)
def complex_detail(request, pk: int):
    complex_ = selectors.complex_get(user=request.user, pk=pk)
    return render(request, "complexes/complex_detail.html", {"complex": complex_})
