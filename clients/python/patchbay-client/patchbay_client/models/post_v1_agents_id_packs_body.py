from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="PostV1AgentsIdPacksBody")



@_attrs_define
class PostV1AgentsIdPacksBody:
    """ 
        Attributes:
            connection_id (str):
            pack (str): A pack id from the catalog.
     """

    connection_id: str
    pack: str





    def to_dict(self) -> dict[str, Any]:
        connection_id = self.connection_id

        pack = self.pack


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "connection_id": connection_id,
            "pack": pack,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        connection_id = d.pop("connection_id")

        pack = d.pop("pack")

        post_v1_agents_id_packs_body = cls(
            connection_id=connection_id,
            pack=pack,
        )

        return post_v1_agents_id_packs_body

