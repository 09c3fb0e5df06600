from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="AgentVersion")



@_attrs_define
class AgentVersion:
    """ 
        Attributes:
            agent_id (str):
            live (bool):
            note (None | str):
            published_at (datetime.datetime):
            rolled_back_from (int | None):
            skill_count (int):
            version (int):
     """

    agent_id: str
    live: bool
    note: None | str
    published_at: datetime.datetime
    rolled_back_from: int | None
    skill_count: int
    version: int





    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        live = self.live

        note: None | str
        note = self.note

        published_at = self.published_at.isoformat()

        rolled_back_from: int | None
        rolled_back_from = self.rolled_back_from

        skill_count = self.skill_count

        version = self.version


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "agent_id": agent_id,
            "live": live,
            "note": note,
            "published_at": published_at,
            "rolled_back_from": rolled_back_from,
            "skill_count": skill_count,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        live = d.pop("live")

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))


        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))




        def _parse_rolled_back_from(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rolled_back_from = _parse_rolled_back_from(d.pop("rolled_back_from"))


        skill_count = d.pop("skill_count")

        version = d.pop("version")

        agent_version = cls(
            agent_id=agent_id,
            live=live,
            note=note,
            published_at=published_at,
            rolled_back_from=rolled_back_from,
            skill_count=skill_count,
            version=version,
        )

        return agent_version

