from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.pack_skills_item import PackSkillsItem





T = TypeVar("T", bound="Pack")



@_attrs_define
class Pack:
    """ 
        Attributes:
            description (str):
            id (str):
            name (str):
            skills (list[PackSkillsItem]):
     """

    description: str
    id: str
    name: str
    skills: list[PackSkillsItem]





    def to_dict(self) -> dict[str, Any]:
        from ..models.pack_skills_item import PackSkillsItem # noqa: PLC0415
        description = self.description

        id = self.id

        name = self.name

        skills = []
        for skills_item_data in self.skills:
            skills_item = skills_item_data.to_dict()
            skills.append(skills_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "description": description,
            "id": id,
            "name": name,
            "skills": skills,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pack_skills_item import PackSkillsItem # noqa: PLC0415
        d = dict(src_dict)
        description = d.pop("description")

        id = d.pop("id")

        name = d.pop("name")

        skills = []
        _skills = d.pop("skills")
        for skills_item_data in (_skills):
            skills_item = PackSkillsItem.from_dict(skills_item_data)



            skills.append(skills_item)


        pack = cls(
            description=description,
            id=id,
            name=name,
            skills=skills,
        )

        return pack

