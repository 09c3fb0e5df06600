from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="WebhookEvent")



@_attrs_define
class WebhookEvent:
    """ 
        Attributes:
            connection_id (str):
            data (Any):
            endpoint_id (None | str):
            id (str):
            occurred_at (None | str):
            provider (str):
            provider_event_id (str):
            provider_event_type (str):
            received_at (datetime.datetime):
            sequence (int):
            type_ (str):
     """

    connection_id: str
    data: Any
    endpoint_id: None | str
    id: str
    occurred_at: None | str
    provider: str
    provider_event_id: str
    provider_event_type: str
    received_at: datetime.datetime
    sequence: int
    type_: str





    def to_dict(self) -> dict[str, Any]:
        connection_id = self.connection_id

        data = self.data

        endpoint_id: None | str
        endpoint_id = self.endpoint_id

        id = self.id

        occurred_at: None | str
        occurred_at = self.occurred_at

        provider = self.provider

        provider_event_id = self.provider_event_id

        provider_event_type = self.provider_event_type

        received_at = self.received_at.isoformat()

        sequence = self.sequence

        type_ = self.type_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "connection_id": connection_id,
            "data": data,
            "endpoint_id": endpoint_id,
            "id": id,
            "occurred_at": occurred_at,
            "provider": provider,
            "provider_event_id": provider_event_id,
            "provider_event_type": provider_event_type,
            "received_at": received_at,
            "sequence": sequence,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        connection_id = d.pop("connection_id")

        data = d.pop("data")

        def _parse_endpoint_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        endpoint_id = _parse_endpoint_id(d.pop("endpoint_id"))


        id = d.pop("id")

        def _parse_occurred_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        occurred_at = _parse_occurred_at(d.pop("occurred_at"))


        provider = d.pop("provider")

        provider_event_id = d.pop("provider_event_id")

        provider_event_type = d.pop("provider_event_type")

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))




        sequence = d.pop("sequence")

        type_ = d.pop("type")

        webhook_event = cls(
            connection_id=connection_id,
            data=data,
            endpoint_id=endpoint_id,
            id=id,
            occurred_at=occurred_at,
            provider=provider,
            provider_event_id=provider_event_id,
            provider_event_type=provider_event_type,
            received_at=received_at,
            sequence=sequence,
            type_=type_,
        )

        return webhook_event

