from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.post_v1_connections_id_actions_action_invoke_body_input import PostV1ConnectionsIdActionsActionInvokeBodyInput





T = TypeVar("T", bound="PostV1ConnectionsIdActionsActionInvokeBody")



@_attrs_define
class PostV1ConnectionsIdActionsActionInvokeBody:
    """ 
        Attributes:
            input_ (PostV1ConnectionsIdActionsActionInvokeBodyInput): The action's input.
     """

    input_: PostV1ConnectionsIdActionsActionInvokeBodyInput





    def to_dict(self) -> dict[str, Any]:
        from ..models.post_v1_connections_id_actions_action_invoke_body_input import PostV1ConnectionsIdActionsActionInvokeBodyInput # noqa: PLC0415
        input_ = self.input_.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "input": input_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.post_v1_connections_id_actions_action_invoke_body_input import PostV1ConnectionsIdActionsActionInvokeBodyInput # noqa: PLC0415
        d = dict(src_dict)
        input_ = PostV1ConnectionsIdActionsActionInvokeBodyInput.from_dict(d.pop("input"))




        post_v1_connections_id_actions_action_invoke_body = cls(
            input_=input_,
        )

        return post_v1_connections_id_actions_action_invoke_body

