from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.post_v1_agents_body_variables import PostV1AgentsBodyVariables





T = TypeVar("T", bound="PostV1AgentsBody")



@_attrs_define
class PostV1AgentsBody:
    """ 
        Attributes:
            name (str): Unique in the account. Required on create.
            description (str | Unset):
            variables (PostV1AgentsBodyVariables | Unset): Values for {{ name }} templates in skill presets; replaced whole.
     """

    name: str
    description: str | Unset = UNSET
    variables: PostV1AgentsBodyVariables | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.post_v1_agents_body_variables import PostV1AgentsBodyVariables # noqa: PLC0415
        name = self.name

        description = self.description

        variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.variables, Unset):
            variables = self.variables.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
        })
        if description is not UNSET:
            field_dict["description"] = description
        if variables is not UNSET:
            field_dict["variables"] = variables

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.post_v1_agents_body_variables import PostV1AgentsBodyVariables # noqa: PLC0415
        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description", UNSET)

        _variables = d.pop("variables", UNSET)
        variables: PostV1AgentsBodyVariables | Unset
        if isinstance(_variables,  Unset):
            variables = UNSET
        else:
            variables = PostV1AgentsBodyVariables.from_dict(_variables)




        post_v1_agents_body = cls(
            name=name,
            description=description,
            variables=variables,
        )

        return post_v1_agents_body

