from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="PatchV1ApiKeysIdBody")



@_attrs_define
class PatchV1ApiKeysIdBody:
    """ 
        Attributes:
            rate_limit (int): Requests per rate-limit window for this key; 0 uses the host's --api-rate-limit.
     """

    rate_limit: int





    def to_dict(self) -> dict[str, Any]:
        rate_limit = self.rate_limit


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "rate_limit": rate_limit,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rate_limit = d.pop("rate_limit")

        patch_v1_api_keys_id_body = cls(
            rate_limit=rate_limit,
        )

        return patch_v1_api_keys_id_body

