from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.patch_v1_agents_id_body_variables import PatchV1AgentsIdBodyVariables





T = TypeVar("T", bound="PatchV1AgentsIdBody")



@_attrs_define
class PatchV1AgentsIdBody:
    """ 
        Attributes:
            description (str | Unset):
            name (str | Unset): Unique in the account. Required on create.
            variables (PatchV1AgentsIdBodyVariables | Unset): Values for {{ name }} templates in skill presets; replaced
                whole.
     """

    description: str | Unset = UNSET
    name: str | Unset = UNSET
    variables: PatchV1AgentsIdBodyVariables | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.patch_v1_agents_id_body_variables import PatchV1AgentsIdBodyVariables # noqa: PLC0415
        description = self.description

        name = self.name

        variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.variables, Unset):
            variables = self.variables.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if description is not UNSET:
            field_dict["description"] = description
        if name is not UNSET:
            field_dict["name"] = name
        if variables is not UNSET:
            field_dict["variables"] = variables

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.patch_v1_agents_id_body_variables import PatchV1AgentsIdBodyVariables # noqa: PLC0415
        d = dict(src_dict)
        description = d.pop("description", UNSET)

        name = d.pop("name", UNSET)

        _variables = d.pop("variables", UNSET)
        variables: PatchV1AgentsIdBodyVariables | Unset
        if isinstance(_variables,  Unset):
            variables = UNSET
        else:
            variables = PatchV1AgentsIdBodyVariables.from_dict(_variables)




        patch_v1_agents_id_body = cls(
            description=description,
            name=name,
            variables=variables,
        )

        return patch_v1_agents_id_body

