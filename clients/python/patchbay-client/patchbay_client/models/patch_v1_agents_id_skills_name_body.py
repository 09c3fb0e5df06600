from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.patch_v1_agents_id_skills_name_body_presets import PatchV1AgentsIdSkillsNameBodyPresets





T = TypeVar("T", bound="PatchV1AgentsIdSkillsNameBody")



@_attrs_define
class PatchV1AgentsIdSkillsNameBody:
    """ 
        Attributes:
            action (str | Unset):
            connection_id (str | Unset):
            description (str | Unset): What the model reads; defaults to the action's.
            name (str | Unset): ^[a-zA-Z0-9_-]{1,64}$, unique in the agent; defaults to the action's name.
            presets (PatchV1AgentsIdSkillsNameBodyPresets | Unset): Fixed inputs, hidden from the model; strings may hold {{
                variable }}.
            requires_approval (bool | Unset):
     """

    action: str | Unset = UNSET
    connection_id: str | Unset = UNSET
    description: str | Unset = UNSET
    name: str | Unset = UNSET
    presets: PatchV1AgentsIdSkillsNameBodyPresets | Unset = UNSET
    requires_approval: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.patch_v1_agents_id_skills_name_body_presets import PatchV1AgentsIdSkillsNameBodyPresets # noqa: PLC0415
        action = self.action

        connection_id = self.connection_id

        description = self.description

        name = self.name

        presets: dict[str, Any] | Unset = UNSET
        if not isinstance(self.presets, Unset):
            presets = self.presets.to_dict()

        requires_approval = self.requires_approval


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if action is not UNSET:
            field_dict["action"] = action
        if connection_id is not UNSET:
            field_dict["connection_id"] = connection_id
        if description is not UNSET:
            field_dict["description"] = description
        if name is not UNSET:
            field_dict["name"] = name
        if presets is not UNSET:
            field_dict["presets"] = presets
        if requires_approval is not UNSET:
            field_dict["requires_approval"] = requires_approval

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.patch_v1_agents_id_skills_name_body_presets import PatchV1AgentsIdSkillsNameBodyPresets # noqa: PLC0415
        d = dict(src_dict)
        action = d.pop("action", UNSET)

        connection_id = d.pop("connection_id", UNSET)

        description = d.pop("description", UNSET)

        name = d.pop("name", UNSET)

        _presets = d.pop("presets", UNSET)
        presets: PatchV1AgentsIdSkillsNameBodyPresets | Unset
        if isinstance(_presets,  Unset):
            presets = UNSET
        else:
            presets = PatchV1AgentsIdSkillsNameBodyPresets.from_dict(_presets)




        requires_approval = d.pop("requires_approval", UNSET)

        patch_v1_agents_id_skills_name_body = cls(
            action=action,
            connection_id=connection_id,
            description=description,
            name=name,
            presets=presets,
            requires_approval=requires_approval,
        )


        patch_v1_agents_id_skills_name_body.additional_properties = d
        return patch_v1_agents_id_skills_name_body

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
