from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="PostV1ConnectionsIdAuthorizeBody")



@_attrs_define
class PostV1ConnectionsIdAuthorizeBody:
    """ 
        Attributes:
            prompt (str | Unset): One of the provider's prompt values, e.g. select_account.
     """

    prompt: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if prompt is not UNSET:
            field_dict["prompt"] = prompt

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        prompt = d.pop("prompt", UNSET)

        post_v1_connections_id_authorize_body = cls(
            prompt=prompt,
        )

        return post_v1_connections_id_authorize_body

