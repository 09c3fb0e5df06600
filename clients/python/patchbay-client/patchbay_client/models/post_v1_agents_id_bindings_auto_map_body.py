from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="PostV1AgentsIdBindingsAutoMapBody")



@_attrs_define
class PostV1AgentsIdBindingsAutoMapBody:
    """ 
        Attributes:
            connection_id (str):
            goal (str): e.g. look up a customer by email
            dry_run (bool | Unset): Only propose: the draft is left unchanged, and the proposal can be added with POST
                /v1/agents/{id}/bindings once reviewed.
     """

    connection_id: str
    goal: str
    dry_run: bool | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        connection_id = self.connection_id

        goal = self.goal

        dry_run = self.dry_run


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "connection_id": connection_id,
            "goal": goal,
        })
        if dry_run is not UNSET:
            field_dict["dry_run"] = dry_run

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        connection_id = d.pop("connection_id")

        goal = d.pop("goal")

        dry_run = d.pop("dry_run", UNSET)

        post_v1_agents_id_bindings_auto_map_body = cls(
            connection_id=connection_id,
            goal=goal,
            dry_run=dry_run,
        )

        return post_v1_agents_id_bindings_auto_map_body

