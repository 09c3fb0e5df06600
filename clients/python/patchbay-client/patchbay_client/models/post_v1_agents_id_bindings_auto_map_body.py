from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="PostV1AgentsIdBindingsAutoMapBody")



@_attrs_define
class PostV1AgentsIdBindingsAutoMapBody:
    """ 
        Attributes:
            connection_id (str):
            goal (str): e.g. look up a customer by email
     """

    connection_id: str
    goal: str





    def to_dict(self) -> dict[str, Any]:
        connection_id = self.connection_id

        goal = self.goal


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "connection_id": connection_id,
            "goal": goal,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        connection_id = d.pop("connection_id")

        goal = d.pop("goal")

        post_v1_agents_id_bindings_auto_map_body = cls(
            connection_id=connection_id,
            goal=goal,
        )

        return post_v1_agents_id_bindings_auto_map_body

