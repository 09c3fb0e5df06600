from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="PostV1WebhooksEventsIdReplayBody")



@_attrs_define
class PostV1WebhooksEventsIdReplayBody:
    """ 
        Attributes:
            subscription_id (str | Unset):
     """

    subscription_id: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        subscription_id = self.subscription_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if subscription_id is not UNSET:
            field_dict["subscription_id"] = subscription_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        subscription_id = d.pop("subscription_id", UNSET)

        post_v1_webhooks_events_id_replay_body = cls(
            subscription_id=subscription_id,
        )

        return post_v1_webhooks_events_id_replay_body

