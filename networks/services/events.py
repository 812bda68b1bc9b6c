"""The event row every write records in its own transaction."""

from networks.models import NetworkEvent


def record_event(network, actor, action, detail="", committee=None) -> NetworkEvent:
    return NetworkEvent.objects.create(network=network, committee=committee, actor=actor, action=action, detail=detail)
