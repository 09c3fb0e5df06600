from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import Literal, cast






T = TypeVar("T", bound="DeleteV1AgentsIdResponse200")



@_attrs_define
class DeleteV1AgentsIdResponse200:
    """ 
        Attributes:
            deleted (Literal[True]):
            id (str):
     """

    deleted: Literal[True]
    id: str





    def to_dict(self) -> dict[str, Any]:
        deleted = self.deleted

        id = self.id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "deleted": deleted,
            "id": id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        deleted = cast(Literal[True] , d.pop("deleted"))
        if deleted != True:
            raise ValueError(f"deleted must match const True, got '{deleted}'")

        id = d.pop("id")

        delete_v1_agents_id_response_200 = cls(
            deleted=deleted,
            id=id,
        )

        return delete_v1_agents_id_response_200

