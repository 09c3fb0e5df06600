from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.webhook_subscription_delivery import WebhookSubscriptionDelivery
from ..models.webhook_subscription_status import WebhookSubscriptionStatus
from typing import cast
import datetime






T = TypeVar("T", bound="WebhookSubscription")



@_attrs_define
class WebhookSubscription:
    """ 
        Attributes:
            agent_id (str):
            created_at (datetime.datetime):
            delivery (WebhookSubscriptionDelivery):
            disabled_reason (None | str):
            endpoint_id (None | str):
            events (list[str]):
            id (str):
            provider (None | str):
            status (WebhookSubscriptionStatus):
            updated_at (datetime.datetime):
            url (None | str):
     """

    agent_id: str
    created_at: datetime.datetime
    delivery: WebhookSubscriptionDelivery
    disabled_reason: None | str
    endpoint_id: None | str
    events: list[str]
    id: str
    provider: None | str
    status: WebhookSubscriptionStatus
    updated_at: datetime.datetime
    url: None | str





    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        created_at = self.created_at.isoformat()

        delivery = self.delivery.value

        disabled_reason: None | str
        disabled_reason = self.disabled_reason

        endpoint_id: None | str
        endpoint_id = self.endpoint_id

        events = self.events



        id = self.id

        provider: None | str
        provider = self.provider

        status = self.status.value

        updated_at = self.updated_at.isoformat()

        url: None | str
        url = self.url


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "agent_id": agent_id,
            "created_at": created_at,
            "delivery": delivery,
            "disabled_reason": disabled_reason,
            "endpoint_id": endpoint_id,
            "events": events,
            "id": id,
            "provider": provider,
            "status": status,
            "updated_at": updated_at,
            "url": url,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        delivery = WebhookSubscriptionDelivery(d.pop("delivery"))




        def _parse_disabled_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        disabled_reason = _parse_disabled_reason(d.pop("disabled_reason"))


        def _parse_endpoint_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        endpoint_id = _parse_endpoint_id(d.pop("endpoint_id"))


        events = cast(list[str], d.pop("events"))


        id = d.pop("id")

        def _parse_provider(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        provider = _parse_provider(d.pop("provider"))


        status = WebhookSubscriptionStatus(d.pop("status"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        def _parse_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        url = _parse_url(d.pop("url"))


        webhook_subscription = cls(
            agent_id=agent_id,
            created_at=created_at,
            delivery=delivery,
            disabled_reason=disabled_reason,
            endpoint_id=endpoint_id,
            events=events,
            id=id,
            provider=provider,
            status=status,
            updated_at=updated_at,
            url=url,
        )

        return webhook_subscription

