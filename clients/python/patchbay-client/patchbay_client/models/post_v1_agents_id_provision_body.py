from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="PostV1AgentsIdProvisionBody")



@_attrs_define
class PostV1AgentsIdProvisionBody:
    """ 
        Attributes:
            connection_id (str):
            actions (list[str] | Unset): Defaults to the important actions.
            requires_approval (bool | Unset):
     """

    connection_id: str
    actions: list[str] | Unset = UNSET
    requires_approval: bool | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        connection_id = self.connection_id

        actions: list[str] | Unset = UNSET
        if not isinstance(self.actions, Unset):
            actions = self.actions



        requires_approval = self.requires_approval


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "connection_id": connection_id,
        })
        if actions is not UNSET:
            field_dict["actions"] = actions
        if requires_approval is not UNSET:
            field_dict["requires_approval"] = requires_approval

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        connection_id = d.pop("connection_id")

        actions = cast(list[str], d.pop("actions", UNSET))


        requires_approval = d.pop("requires_approval", UNSET)

        post_v1_agents_id_provision_body = cls(
            connection_id=connection_id,
            actions=actions,
            requires_approval=requires_approval,
        )

        return post_v1_agents_id_provision_body

