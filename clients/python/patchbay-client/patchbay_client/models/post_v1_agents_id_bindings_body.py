from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.post_v1_agents_id_bindings_body_kind import PostV1AgentsIdBindingsBodyKind
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.post_v1_agents_id_bindings_body_presets import PostV1AgentsIdBindingsBodyPresets





T = TypeVar("T", bound="PostV1AgentsIdBindingsBody")



@_attrs_define
class PostV1AgentsIdBindingsBody:
    """ 
        Attributes:
            connection_id (str):
            kind (PostV1AgentsIdBindingsBodyKind):
            object_ (str):
            description (str | Unset):
            filter_fields (list[str] | Unset):
            name (str | Unset): Defaults to e.g. lookup_customers_by_email.
            presets (PostV1AgentsIdBindingsBodyPresets | Unset): Filter values fixed for the agent (lookup, list), e.g.
                {"status": "open"}; may hold {{ variable }}.
            requires_approval (bool | Unset):
            returned_fields (list[str] | Unset): Default: every field.
            write_fields (list[str] | Unset):
     """

    connection_id: str
    kind: PostV1AgentsIdBindingsBodyKind
    object_: str
    description: str | Unset = UNSET
    filter_fields: list[str] | Unset = UNSET
    name: str | Unset = UNSET
    presets: PostV1AgentsIdBindingsBodyPresets | Unset = UNSET
    requires_approval: bool | Unset = UNSET
    returned_fields: list[str] | Unset = UNSET
    write_fields: list[str] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.post_v1_agents_id_bindings_body_presets import PostV1AgentsIdBindingsBodyPresets # noqa: PLC0415
        connection_id = self.connection_id

        kind = self.kind.value

        object_ = self.object_

        description = self.description

        filter_fields: list[str] | Unset = UNSET
        if not isinstance(self.filter_fields, Unset):
            filter_fields = self.filter_fields



        name = self.name

        presets: dict[str, Any] | Unset = UNSET
        if not isinstance(self.presets, Unset):
            presets = self.presets.to_dict()

        requires_approval = self.requires_approval

        returned_fields: list[str] | Unset = UNSET
        if not isinstance(self.returned_fields, Unset):
            returned_fields = self.returned_fields



        write_fields: list[str] | Unset = UNSET
        if not isinstance(self.write_fields, Unset):
            write_fields = self.write_fields




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "connection_id": connection_id,
            "kind": kind,
            "object": object_,
        })
        if description is not UNSET:
            field_dict["description"] = description
        if filter_fields is not UNSET:
            field_dict["filter_fields"] = filter_fields
        if name is not UNSET:
            field_dict["name"] = name
        if presets is not UNSET:
            field_dict["presets"] = presets
        if requires_approval is not UNSET:
            field_dict["requires_approval"] = requires_approval
        if returned_fields is not UNSET:
            field_dict["returned_fields"] = returned_fields
        if write_fields is not UNSET:
            field_dict["write_fields"] = write_fields

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.post_v1_agents_id_bindings_body_presets import PostV1AgentsIdBindingsBodyPresets # noqa: PLC0415
        d = dict(src_dict)
        connection_id = d.pop("connection_id")

        kind = PostV1AgentsIdBindingsBodyKind(d.pop("kind"))




        object_ = d.pop("object")

        description = d.pop("description", UNSET)

        filter_fields = cast(list[str], d.pop("filter_fields", UNSET))


        name = d.pop("name", UNSET)

        _presets = d.pop("presets", UNSET)
        presets: PostV1AgentsIdBindingsBodyPresets | Unset
        if isinstance(_presets,  Unset):
            presets = UNSET
        else:
            presets = PostV1AgentsIdBindingsBodyPresets.from_dict(_presets)




        requires_approval = d.pop("requires_approval", UNSET)

        returned_fields = cast(list[str], d.pop("returned_fields", UNSET))


        write_fields = cast(list[str], d.pop("write_fields", UNSET))


        post_v1_agents_id_bindings_body = cls(
            connection_id=connection_id,
            kind=kind,
            object_=object_,
            description=description,
            filter_fields=filter_fields,
            name=name,
            presets=presets,
            requires_approval=requires_approval,
            returned_fields=returned_fields,
            write_fields=write_fields,
        )

        return post_v1_agents_id_bindings_body

