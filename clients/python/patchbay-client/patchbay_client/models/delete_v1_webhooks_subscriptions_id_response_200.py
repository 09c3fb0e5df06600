from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import Literal, cast






T = TypeVar("T", bound="DeleteV1WebhooksSubscriptionsIdResponse200")



@_attrs_define
class DeleteV1WebhooksSubscriptionsIdResponse200:
    """ 
        Attributes:
            deleted (Literal[True]):
     """

    deleted: Literal[True]





    def to_dict(self) -> dict[str, Any]:
        deleted = self.deleted


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "deleted": deleted,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        deleted = cast(Literal[True] , d.pop("deleted"))
        if deleted != True:
            raise ValueError(f"deleted must match const True, got '{deleted}'")

        delete_v1_webhooks_subscriptions_id_response_200 = cls(
            deleted=deleted,
        )

        return delete_v1_webhooks_subscriptions_id_response_200

