from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.webhook_endpoint_status import WebhookEndpointStatus
from typing import cast
import datetime






T = TypeVar("T", bound="WebhookEndpoint")



@_attrs_define
class WebhookEndpoint:
    """ 
        Attributes:
            channel_id (None | str):
            connection_id (str):
            created_at (datetime.datetime):
            id (str):
            provider (str):
            resource_id (None | str):
            status (WebhookEndpointStatus):
            updated_at (datetime.datetime):
            url (None | str):
     """

    channel_id: None | str
    connection_id: str
    created_at: datetime.datetime
    id: str
    provider: str
    resource_id: None | str
    status: WebhookEndpointStatus
    updated_at: datetime.datetime
    url: None | str





    def to_dict(self) -> dict[str, Any]:
        channel_id: None | str
        channel_id = self.channel_id

        connection_id = self.connection_id

        created_at = self.created_at.isoformat()

        id = self.id

        provider = self.provider

        resource_id: None | str
        resource_id = self.resource_id

        status = self.status.value

        updated_at = self.updated_at.isoformat()

        url: None | str
        url = self.url


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "channel_id": channel_id,
            "connection_id": connection_id,
            "created_at": created_at,
            "id": id,
            "provider": provider,
            "resource_id": resource_id,
            "status": status,
            "updated_at": updated_at,
            "url": url,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_channel_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        channel_id = _parse_channel_id(d.pop("channel_id"))


        connection_id = d.pop("connection_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        id = d.pop("id")

        provider = d.pop("provider")

        def _parse_resource_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        resource_id = _parse_resource_id(d.pop("resource_id"))


        status = WebhookEndpointStatus(d.pop("status"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        def _parse_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        url = _parse_url(d.pop("url"))


        webhook_endpoint = cls(
            channel_id=channel_id,
            connection_id=connection_id,
            created_at=created_at,
            id=id,
            provider=provider,
            resource_id=resource_id,
            status=status,
            updated_at=updated_at,
            url=url,
        )

        return webhook_endpoint

