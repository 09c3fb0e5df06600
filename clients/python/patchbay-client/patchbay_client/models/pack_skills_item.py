from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.pack_skills_item_presets import PackSkillsItemPresets





T = TypeVar("T", bound="PackSkillsItem")



@_attrs_define
class PackSkillsItem:
    """ 
        Attributes:
            action (str):
            description (str):
            name (str):
            presets (PackSkillsItemPresets):
     """

    action: str
    description: str
    name: str
    presets: PackSkillsItemPresets





    def to_dict(self) -> dict[str, Any]:
        from ..models.pack_skills_item_presets import PackSkillsItemPresets # noqa: PLC0415
        action = self.action

        description = self.description

        name = self.name

        presets = self.presets.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "action": action,
            "description": description,
            "name": name,
            "presets": presets,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pack_skills_item_presets import PackSkillsItemPresets # noqa: PLC0415
        d = dict(src_dict)
        action = d.pop("action")

        description = d.pop("description")

        name = d.pop("name")

        presets = PackSkillsItemPresets.from_dict(d.pop("presets"))




        pack_skills_item = cls(
            action=action,
            description=description,
            name=name,
            presets=presets,
        )

        return pack_skills_item

