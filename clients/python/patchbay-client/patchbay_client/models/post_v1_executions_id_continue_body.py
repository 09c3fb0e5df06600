from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.post_v1_executions_id_continue_body_decision import PostV1ExecutionsIdContinueBodyDecision
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.post_v1_executions_id_continue_body_input import PostV1ExecutionsIdContinueBodyInput





T = TypeVar("T", bound="PostV1ExecutionsIdContinueBody")



@_attrs_define
class PostV1ExecutionsIdContinueBody:
    """ 
        Attributes:
            decision (PostV1ExecutionsIdContinueBodyDecision):
            input_ (PostV1ExecutionsIdContinueBodyInput | Unset): Replaces the paused input; approve only.
     """

    decision: PostV1ExecutionsIdContinueBodyDecision
    input_: PostV1ExecutionsIdContinueBodyInput | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.post_v1_executions_id_continue_body_input import PostV1ExecutionsIdContinueBodyInput # noqa: PLC0415
        decision = self.decision.value

        input_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.input_, Unset):
            input_ = self.input_.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "decision": decision,
        })
        if input_ is not UNSET:
            field_dict["input"] = input_

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.post_v1_executions_id_continue_body_input import PostV1ExecutionsIdContinueBodyInput # noqa: PLC0415
        d = dict(src_dict)
        decision = PostV1ExecutionsIdContinueBodyDecision(d.pop("decision"))




        _input_ = d.pop("input", UNSET)
        input_: PostV1ExecutionsIdContinueBodyInput | Unset
        if isinstance(_input_,  Unset):
            input_ = UNSET
        else:
            input_ = PostV1ExecutionsIdContinueBodyInput.from_dict(_input_)




        post_v1_executions_id_continue_body = cls(
            decision=decision,
            input_=input_,
        )

        return post_v1_executions_id_continue_body

