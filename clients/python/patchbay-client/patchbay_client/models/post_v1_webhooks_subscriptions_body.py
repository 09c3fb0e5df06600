from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.post_v1_webhooks_subscriptions_body_delivery import PostV1WebhooksSubscriptionsBodyDelivery
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="PostV1WebhooksSubscriptionsBody")



@_attrs_define
class PostV1WebhooksSubscriptionsBody:
    """ 
        Attributes:
            agent_id (str): The subscribing agent: one of the account's agents (POST /v1/agents).
            delivery (PostV1WebhooksSubscriptionsBodyDelivery | Unset): push when url is given, else pull.
            endpoint_id (str | Unset): Events from this endpoint (or give provider).
            events (list[str] | Unset): Key patterns such as crm.contact.*; all when omitted.
            provider (str | Unset): Events from every endpoint of this provider (or give endpoint_id).
            url (str | Unset): Push: where events are POSTed, signed per Standard Webhooks.
     """

    agent_id: str
    delivery: PostV1WebhooksSubscriptionsBodyDelivery | Unset = UNSET
    endpoint_id: str | Unset = UNSET
    events: list[str] | Unset = UNSET
    provider: str | Unset = UNSET
    url: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        delivery: str | Unset = UNSET
        if not isinstance(self.delivery, Unset):
            delivery = self.delivery.value


        endpoint_id = self.endpoint_id

        events: list[str] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = self.events



        provider = self.provider

        url = self.url


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "agent_id": agent_id,
        })
        if delivery is not UNSET:
            field_dict["delivery"] = delivery
        if endpoint_id is not UNSET:
            field_dict["endpoint_id"] = endpoint_id
        if events is not UNSET:
            field_dict["events"] = events
        if provider is not UNSET:
            field_dict["provider"] = provider
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        _delivery = d.pop("delivery", UNSET)
        delivery: PostV1WebhooksSubscriptionsBodyDelivery | Unset
        if isinstance(_delivery,  Unset):
            delivery = UNSET
        else:
            delivery = PostV1WebhooksSubscriptionsBodyDelivery(_delivery)




        endpoint_id = d.pop("endpoint_id", UNSET)

        events = cast(list[str], d.pop("events", UNSET))


        provider = d.pop("provider", UNSET)

        url = d.pop("url", UNSET)

        post_v1_webhooks_subscriptions_body = cls(
            agent_id=agent_id,
            delivery=delivery,
            endpoint_id=endpoint_id,
            events=events,
            provider=provider,
            url=url,
        )

        return post_v1_webhooks_subscriptions_body

