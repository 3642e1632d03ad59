"""The public results pages ("一公开"): draws, their commitments, seeds, targets and outcomes."""

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render

from inspections.services import public


def draw_list(request):
    page = Paginator(public.public_draws(), 20).get_page(request.GET.get("page"))
    return render(request, "inspections/public_list.html", {"page": page})


def _public_draw(pk: int):
    draw = public.public_draws().filter(pk=pk).first()
    if draw is None:
        raise Http404
    return draw


def draw_detail(request, pk: int):
    draw = _public_draw(pk)
    context = {
        "draw": draw,
        "items": draw.items.all(),
        "pool_size": draw.pool_targets.count(),
        "inspector_codes": list(draw.pool_inspectors.values_list("code", flat=True)),
        "exclusion_count": draw.exclusions.count(),
        "inspections": public.inspections_with_results(draw) if draw.public_seed else [],
    }
    return render(request, "inspections/public_detail.html", context)


def draw_json(request, pk: int):
    response = JsonResponse(
        public.as_json(_public_draw(pk)), json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Disposition"] = f'inline; filename="draw-{pk}.json"'
    return response
