"""Live dashboard feed: staff join one channel-layer group per bureau they work for."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from complaints import permissions

ALL_CASES_GROUP = "dashboard.all"


def bureau_group(bureau_id: int) -> str:
    return f"dashboard.bureau.{bureau_id}"


@database_sync_to_async
def _groups_for(user) -> list[str]:
    if not user.is_authenticated:
        return []
    ids = permissions.bureau_ids(user)
    if ids is None:
        return [ALL_CASES_GROUP]
    return [bureau_group(bureau_id) for bureau_id in ids]


class DashboardConsumer(AsyncJsonWebsocketConsumer):
    """Sends `case.changed` events (ids and non-personal fields) to signed-in staff."""

    async def connect(self):
        user = self.scope.get("user")
        self.groups_joined = await _groups_for(user) if user is not None else []
        if not self.groups_joined:
            await self.close(code=4403)
            return
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        """The feed is one-way; a ping keeps proxies from closing an idle connection."""
        if content.get("type") == "ping":
            await self.send_json({"type": "pong"})

    async def case_changed(self, message):
        await self.send_json(message["payload"])
