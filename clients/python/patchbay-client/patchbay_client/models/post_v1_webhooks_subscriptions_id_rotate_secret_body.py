from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="PostV1WebhooksSubscriptionsIdRotateSecretBody")



@_attrs_define
class PostV1WebhooksSubscriptionsIdRotateSecretBody:
    """ 
        Attributes:
            overlap_seconds (int | Unset):
     """

    overlap_seconds: int | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        overlap_seconds = self.overlap_seconds


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if overlap_seconds is not UNSET:
            field_dict["overlap_seconds"] = overlap_seconds

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        overlap_seconds = d.pop("overlap_seconds", UNSET)

        post_v1_webhooks_subscriptions_id_rotate_secret_body = cls(
            overlap_seconds=overlap_seconds,
        )

        return post_v1_webhooks_subscriptions_id_rotate_secret_body

