from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.post_v1_agents_id_skills_name_invoke_body_input import PostV1AgentsIdSkillsNameInvokeBodyInput





T = TypeVar("T", bound="PostV1AgentsIdSkillsNameInvokeBody")



@_attrs_define
class PostV1AgentsIdSkillsNameInvokeBody:
    """ 
        Attributes:
            input_ (PostV1AgentsIdSkillsNameInvokeBodyInput): Checked against the skill's input schema.
            end_user (str | Unset): Use this end user's own connection when they have one.
            tool_call_id (str | Unset): The model's id for this call, kept on the execution.
     """

    input_: PostV1AgentsIdSkillsNameInvokeBodyInput
    end_user: str | Unset = UNSET
    tool_call_id: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.post_v1_agents_id_skills_name_invoke_body_input import PostV1AgentsIdSkillsNameInvokeBodyInput # noqa: PLC0415
        input_ = self.input_.to_dict()

        end_user = self.end_user

        tool_call_id = self.tool_call_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "input": input_,
        })
        if end_user is not UNSET:
            field_dict["end_user"] = end_user
        if tool_call_id is not UNSET:
            field_dict["tool_call_id"] = tool_call_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.post_v1_agents_id_skills_name_invoke_body_input import PostV1AgentsIdSkillsNameInvokeBodyInput # noqa: PLC0415
        d = dict(src_dict)
        input_ = PostV1AgentsIdSkillsNameInvokeBodyInput.from_dict(d.pop("input"))




        end_user = d.pop("end_user", UNSET)

        tool_call_id = d.pop("tool_call_id", UNSET)

        post_v1_agents_id_skills_name_invoke_body = cls(
            input_=input_,
            end_user=end_user,
            tool_call_id=tool_call_id,
        )

        return post_v1_agents_id_skills_name_invoke_body

