from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="PostV1AgentsIdRollbackBody")



@_attrs_define
class PostV1AgentsIdRollbackBody:
    """ 
        Attributes:
            version (int):
            note (str | Unset):
     """

    version: int
    note: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        version = self.version

        note = self.note


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "version": version,
        })
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        version = d.pop("version")

        note = d.pop("note", UNSET)

        post_v1_agents_id_rollback_body = cls(
            version=version,
            note=note,
        )

        return post_v1_agents_id_rollback_body

