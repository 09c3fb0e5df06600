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
            description (str | Unset):
            name (str | Unset): Unique in the account. Required on create.
            variables (PostV1AgentsBodyVariables | Unset): Values for {{ name }} templates in skill presets; replaced whole.
     """

    description: str | Unset = UNSET
    name: str | Unset = UNSET
    variables: PostV1AgentsBodyVariables | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.post_v1_agents_body_variables import PostV1AgentsBodyVariables # noqa: PLC0415
        description = self.description

        name = self.name

        variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.variables, Unset):
            variables = self.variables.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
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
        from ..models.post_v1_agents_body_variables import PostV1AgentsBodyVariables # noqa: PLC0415
        d = dict(src_dict)
        description = d.pop("description", UNSET)

        name = d.pop("name", UNSET)

        _variables = d.pop("variables", UNSET)
        variables: PostV1AgentsBodyVariables | Unset
        if isinstance(_variables,  Unset):
            variables = UNSET
        else:
            variables = PostV1AgentsBodyVariables.from_dict(_variables)




        post_v1_agents_body = cls(
            description=description,
            name=name,
            variables=variables,
        )


        post_v1_agents_body.additional_properties = d
        return post_v1_agents_body

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
