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
            description (str | Unset): What the model reads.
            presets (PatchV1AgentsIdSkillsNameBodyPresets | Unset): Fixed inputs, hidden from the model; strings may hold {{
                variable }}.
            requires_approval (bool | Unset):
     """

    description: str | Unset = UNSET
    presets: PatchV1AgentsIdSkillsNameBodyPresets | Unset = UNSET
    requires_approval: bool | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.patch_v1_agents_id_skills_name_body_presets import PatchV1AgentsIdSkillsNameBodyPresets # noqa: PLC0415
        description = self.description

        presets: dict[str, Any] | Unset = UNSET
        if not isinstance(self.presets, Unset):
            presets = self.presets.to_dict()

        requires_approval = self.requires_approval


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if description is not UNSET:
            field_dict["description"] = description
        if presets is not UNSET:
            field_dict["presets"] = presets
        if requires_approval is not UNSET:
            field_dict["requires_approval"] = requires_approval

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.patch_v1_agents_id_skills_name_body_presets import PatchV1AgentsIdSkillsNameBodyPresets # noqa: PLC0415
        d = dict(src_dict)
        description = d.pop("description", UNSET)

        _presets = d.pop("presets", UNSET)
        presets: PatchV1AgentsIdSkillsNameBodyPresets | Unset
        if isinstance(_presets,  Unset):
            presets = UNSET
        else:
            presets = PatchV1AgentsIdSkillsNameBodyPresets.from_dict(_presets)




        requires_approval = d.pop("requires_approval", UNSET)

        patch_v1_agents_id_skills_name_body = cls(
            description=description,
            presets=presets,
            requires_approval=requires_approval,
        )

        return patch_v1_agents_id_skills_name_body

