from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="SkillWebhook")



@_attrs_define
class SkillWebhook:
    """ Set for an http_webhook skill: the owner's endpoint the host calls.

        Attributes:
            output_schema (Any):
            timeout_ms (int):
            url (str):
     """

    output_schema: Any
    timeout_ms: int
    url: str





    def to_dict(self) -> dict[str, Any]:
        output_schema = self.output_schema

        timeout_ms = self.timeout_ms

        url = self.url


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "output_schema": output_schema,
            "timeout_ms": timeout_ms,
            "url": url,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        output_schema = d.pop("output_schema")

        timeout_ms = d.pop("timeout_ms")

        url = d.pop("url")

        skill_webhook = cls(
            output_schema=output_schema,
            timeout_ms=timeout_ms,
            url=url,
        )

        return skill_webhook

