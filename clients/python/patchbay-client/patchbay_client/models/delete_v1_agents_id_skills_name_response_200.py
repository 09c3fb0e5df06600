from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import Literal, cast






T = TypeVar("T", bound="DeleteV1AgentsIdSkillsNameResponse200")



@_attrs_define
class DeleteV1AgentsIdSkillsNameResponse200:
    """ 
        Attributes:
            deleted (Literal[True]):
            name (str):
     """

    deleted: Literal[True]
    name: str





    def to_dict(self) -> dict[str, Any]:
        deleted = self.deleted

        name = self.name


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "deleted": deleted,
            "name": name,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        deleted = cast(Literal[True] , d.pop("deleted"))
        if deleted != True:
            raise ValueError(f"deleted must match const True, got '{deleted}'")

        name = d.pop("name")

        delete_v1_agents_id_skills_name_response_200 = cls(
            deleted=deleted,
            name=name,
        )

        return delete_v1_agents_id_skills_name_response_200

