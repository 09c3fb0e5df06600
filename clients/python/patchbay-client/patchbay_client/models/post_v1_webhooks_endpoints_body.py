from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="PostV1WebhooksEndpointsBody")



@_attrs_define
class PostV1WebhooksEndpointsBody:
    """ 
        Attributes:
            connection_id (str): The connection whose provider sends the webhooks.
            channel_id (str | Unset): Push channels only: the channel id notifications must carry.
            resource_id (str | Unset): Push channels only: the watched resource id notifications must carry.
            secret (str | Unset): The signing secret: required when the provider issues it, generated when omitted
                otherwise. Write-only.
     """

    connection_id: str
    channel_id: str | Unset = UNSET
    resource_id: str | Unset = UNSET
    secret: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        connection_id = self.connection_id

        channel_id = self.channel_id

        resource_id = self.resource_id

        secret = self.secret


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "connection_id": connection_id,
        })
        if channel_id is not UNSET:
            field_dict["channel_id"] = channel_id
        if resource_id is not UNSET:
            field_dict["resource_id"] = resource_id
        if secret is not UNSET:
            field_dict["secret"] = secret

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        connection_id = d.pop("connection_id")

        channel_id = d.pop("channel_id", UNSET)

        resource_id = d.pop("resource_id", UNSET)

        secret = d.pop("secret", UNSET)

        post_v1_webhooks_endpoints_body = cls(
            connection_id=connection_id,
            channel_id=channel_id,
            resource_id=resource_id,
            secret=secret,
        )

        return post_v1_webhooks_endpoints_body

