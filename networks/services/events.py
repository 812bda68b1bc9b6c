"""The event row every write records in its own transaction."""

from django.utils import timezone

from networks.models import NetworkEvent

Kind = NetworkEvent.Kind


def record_event(network, actor, kind: str, note="", committee=None, *, now=None, old=None, new=None) -> NetworkEvent:
    """`kind` is a NetworkEvent.Kind code; `now` the service's clock; `old`/`new` the values a move changed."""
    data = {"old": old, "new": new} if old is not None or new is not None else {}
    return NetworkEvent.objects.create(network=network, committee=committee, actor=actor, kind=Kind(kind), note=note,
                                       data=data, at=now or timezone.now())
