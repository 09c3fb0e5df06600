from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="AutoMapProposalAlternativesItem")



@_attrs_define
class AutoMapProposalAlternativesItem:
    """ 
        Attributes:
            filter_fields (list[str]):
            kind (str):
            object_ (str):
            reasoning (list[str]):
            returned_fields (list[str]):
            score (float):
            write_fields (list[str]):
     """

    filter_fields: list[str]
    kind: str
    object_: str
    reasoning: list[str]
    returned_fields: list[str]
    score: float
    write_fields: list[str]





    def to_dict(self) -> dict[str, Any]:
        filter_fields = self.filter_fields



        kind = self.kind

        object_ = self.object_

        reasoning = self.reasoning



        returned_fields = self.returned_fields



        score = self.score

        write_fields = self.write_fields




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "filter_fields": filter_fields,
            "kind": kind,
            "object": object_,
            "reasoning": reasoning,
            "returned_fields": returned_fields,
            "score": score,
            "write_fields": write_fields,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        filter_fields = cast(list[str], d.pop("filter_fields"))


        kind = d.pop("kind")

        object_ = d.pop("object")

        reasoning = cast(list[str], d.pop("reasoning"))


        returned_fields = cast(list[str], d.pop("returned_fields"))


        score = d.pop("score")

        write_fields = cast(list[str], d.pop("write_fields"))


        auto_map_proposal_alternatives_item = cls(
            filter_fields=filter_fields,
            kind=kind,
            object_=object_,
            reasoning=reasoning,
            returned_fields=returned_fields,
            score=score,
            write_fields=write_fields,
        )

        return auto_map_proposal_alternatives_item

