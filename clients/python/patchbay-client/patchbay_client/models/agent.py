from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.agent_variables import AgentVariables





T = TypeVar("T", bound="Agent")



@_attrs_define
class Agent:
    """ 
        Attributes:
            created_at (datetime.datetime):
            description (str):
            draft_skill_count (int):
            id (str):
            live_version (int | None):
            name (str):
            updated_at (datetime.datetime):
            variables (AgentVariables):
     """

    created_at: datetime.datetime
    description: str
    draft_skill_count: int
    id: str
    live_version: int | None
    name: str
    updated_at: datetime.datetime
    variables: AgentVariables





    def to_dict(self) -> dict[str, Any]:
        from ..models.agent_variables import AgentVariables # noqa: PLC0415
        created_at = self.created_at.isoformat()

        description = self.description

        draft_skill_count = self.draft_skill_count

        id = self.id

        live_version: int | None
        live_version = self.live_version

        name = self.name

        updated_at = self.updated_at.isoformat()

        variables = self.variables.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "created_at": created_at,
            "description": description,
            "draft_skill_count": draft_skill_count,
            "id": id,
            "live_version": live_version,
            "name": name,
            "updated_at": updated_at,
            "variables": variables,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_variables import AgentVariables # noqa: PLC0415
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        description = d.pop("description")

        draft_skill_count = d.pop("draft_skill_count")

        id = d.pop("id")

        def _parse_live_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        live_version = _parse_live_version(d.pop("live_version"))


        name = d.pop("name")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        variables = AgentVariables.from_dict(d.pop("variables"))




        agent = cls(
            created_at=created_at,
            description=description,
            draft_skill_count=draft_skill_count,
            id=id,
            live_version=live_version,
            name=name,
            updated_at=updated_at,
            variables=variables,
        )

        return agent

