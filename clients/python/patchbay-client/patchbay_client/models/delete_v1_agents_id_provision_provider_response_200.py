from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="DeleteV1AgentsIdProvisionProviderResponse200")



@_attrs_define
class DeleteV1AgentsIdProvisionProviderResponse200:
    """ 
        Attributes:
            removed (list[str]):
     """

    removed: list[str]





    def to_dict(self) -> dict[str, Any]:
        removed = self.removed




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "removed": removed,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        removed = cast(list[str], d.pop("removed"))


        delete_v1_agents_id_provision_provider_response_200 = cls(
            removed=removed,
        )

        return delete_v1_agents_id_provision_provider_response_200

