from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.post_v1_api_keys_body_scopes_item import PostV1ApiKeysBodyScopesItem
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="PostV1ApiKeysBody")



@_attrs_define
class PostV1ApiKeysBody:
    """ 
        Attributes:
            scopes (list[PostV1ApiKeysBodyScopesItem]):
            rate_limit (int | Unset): Requests per rate-limit window for this key; 0 uses the host's --api-rate-limit.
     """

    scopes: list[PostV1ApiKeysBodyScopesItem]
    rate_limit: int | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        scopes = []
        for scopes_item_data in self.scopes:
            scopes_item = scopes_item_data.value
            scopes.append(scopes_item)



        rate_limit = self.rate_limit


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "scopes": scopes,
        })
        if rate_limit is not UNSET:
            field_dict["rate_limit"] = rate_limit

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        scopes = []
        _scopes = d.pop("scopes")
        for scopes_item_data in (_scopes):
            scopes_item = PostV1ApiKeysBodyScopesItem(scopes_item_data)



            scopes.append(scopes_item)


        rate_limit = d.pop("rate_limit", UNSET)

        post_v1_api_keys_body = cls(
            scopes=scopes,
            rate_limit=rate_limit,
        )

        return post_v1_api_keys_body

