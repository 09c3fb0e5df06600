from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="PostV1ConnectorsParseOpenapiBodyFilter")



@_attrs_define
class PostV1ConnectorsParseOpenapiBodyFilter:
    """ Each list given narrows the import.

        Attributes:
            operation_ids (list[str] | Unset):
            paths (list[str] | Unset):
            tags (list[str] | Unset):
     """

    operation_ids: list[str] | Unset = UNSET
    paths: list[str] | Unset = UNSET
    tags: list[str] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        operation_ids: list[str] | Unset = UNSET
        if not isinstance(self.operation_ids, Unset):
            operation_ids = self.operation_ids



        paths: list[str] | Unset = UNSET
        if not isinstance(self.paths, Unset):
            paths = self.paths



        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags




        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if operation_ids is not UNSET:
            field_dict["operation_ids"] = operation_ids
        if paths is not UNSET:
            field_dict["paths"] = paths
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        operation_ids = cast(list[str], d.pop("operation_ids", UNSET))


        paths = cast(list[str], d.pop("paths", UNSET))


        tags = cast(list[str], d.pop("tags", UNSET))


        post_v1_connectors_parse_openapi_body_filter = cls(
            operation_ids=operation_ids,
            paths=paths,
            tags=tags,
        )

        return post_v1_connectors_parse_openapi_body_filter

