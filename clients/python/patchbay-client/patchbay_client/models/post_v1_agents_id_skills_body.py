from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.post_v1_agents_id_skills_body_type import PostV1AgentsIdSkillsBodyType
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.post_v1_agents_id_skills_body_input_schema import PostV1AgentsIdSkillsBodyInputSchema
  from ..models.post_v1_agents_id_skills_body_output_schema import PostV1AgentsIdSkillsBodyOutputSchema
  from ..models.post_v1_agents_id_skills_body_presets import PostV1AgentsIdSkillsBodyPresets





T = TypeVar("T", bound="PostV1AgentsIdSkillsBody")



@_attrs_define
class PostV1AgentsIdSkillsBody:
    """ 
        Attributes:
            action (str | Unset):
            connection_id (str | Unset):
            description (str | Unset): What the model reads; defaults to the action's.
            input_schema (PostV1AgentsIdSkillsBodyInputSchema | Unset): http_webhook: JSON Schema of what the model sends.
            name (str | Unset): Unique in the agent; defaults to the action's name.
            output_schema (PostV1AgentsIdSkillsBodyOutputSchema | Unset): http_webhook: JSON Schema the endpoint's JSON
                reply must match.
            presets (PostV1AgentsIdSkillsBodyPresets | Unset): Fixed inputs, hidden from the model; strings may hold {{
                variable }}.
            requires_approval (bool | Unset):
            timeout_ms (int | Unset): http_webhook: at most the host's webhook delivery timeout (its default).
            type_ (PostV1AgentsIdSkillsBodyType | Unset): http_webhook: the host POSTs each call to url, signed per Standard
                Webhooks; the answer carries the signing secret once. Default: PostV1AgentsIdSkillsBodyType.ACTION.
            url (str | Unset): http_webhook: the owner's endpoint, under the push side's target policy.
     """

    action: str | Unset = UNSET
    connection_id: str | Unset = UNSET
    description: str | Unset = UNSET
    input_schema: PostV1AgentsIdSkillsBodyInputSchema | Unset = UNSET
    name: str | Unset = UNSET
    output_schema: PostV1AgentsIdSkillsBodyOutputSchema | Unset = UNSET
    presets: PostV1AgentsIdSkillsBodyPresets | Unset = UNSET
    requires_approval: bool | Unset = UNSET
    timeout_ms: int | Unset = UNSET
    type_: PostV1AgentsIdSkillsBodyType | Unset = PostV1AgentsIdSkillsBodyType.ACTION
    url: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.post_v1_agents_id_skills_body_input_schema import PostV1AgentsIdSkillsBodyInputSchema # noqa: PLC0415
        from ..models.post_v1_agents_id_skills_body_output_schema import PostV1AgentsIdSkillsBodyOutputSchema # noqa: PLC0415
        from ..models.post_v1_agents_id_skills_body_presets import PostV1AgentsIdSkillsBodyPresets # noqa: PLC0415
        action = self.action

        connection_id = self.connection_id

        description = self.description

        input_schema: dict[str, Any] | Unset = UNSET
        if not isinstance(self.input_schema, Unset):
            input_schema = self.input_schema.to_dict()

        name = self.name

        output_schema: dict[str, Any] | Unset = UNSET
        if not isinstance(self.output_schema, Unset):
            output_schema = self.output_schema.to_dict()

        presets: dict[str, Any] | Unset = UNSET
        if not isinstance(self.presets, Unset):
            presets = self.presets.to_dict()

        requires_approval = self.requires_approval

        timeout_ms = self.timeout_ms

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value


        url = self.url


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if action is not UNSET:
            field_dict["action"] = action
        if connection_id is not UNSET:
            field_dict["connection_id"] = connection_id
        if description is not UNSET:
            field_dict["description"] = description
        if input_schema is not UNSET:
            field_dict["input_schema"] = input_schema
        if name is not UNSET:
            field_dict["name"] = name
        if output_schema is not UNSET:
            field_dict["output_schema"] = output_schema
        if presets is not UNSET:
            field_dict["presets"] = presets
        if requires_approval is not UNSET:
            field_dict["requires_approval"] = requires_approval
        if timeout_ms is not UNSET:
            field_dict["timeout_ms"] = timeout_ms
        if type_ is not UNSET:
            field_dict["type"] = type_
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.post_v1_agents_id_skills_body_input_schema import PostV1AgentsIdSkillsBodyInputSchema # noqa: PLC0415
        from ..models.post_v1_agents_id_skills_body_output_schema import PostV1AgentsIdSkillsBodyOutputSchema # noqa: PLC0415
        from ..models.post_v1_agents_id_skills_body_presets import PostV1AgentsIdSkillsBodyPresets # noqa: PLC0415
        d = dict(src_dict)
        action = d.pop("action", UNSET)

        connection_id = d.pop("connection_id", UNSET)

        description = d.pop("description", UNSET)

        _input_schema = d.pop("input_schema", UNSET)
        input_schema: PostV1AgentsIdSkillsBodyInputSchema | Unset
        if isinstance(_input_schema,  Unset):
            input_schema = UNSET
        else:
            input_schema = PostV1AgentsIdSkillsBodyInputSchema.from_dict(_input_schema)




        name = d.pop("name", UNSET)

        _output_schema = d.pop("output_schema", UNSET)
        output_schema: PostV1AgentsIdSkillsBodyOutputSchema | Unset
        if isinstance(_output_schema,  Unset):
            output_schema = UNSET
        else:
            output_schema = PostV1AgentsIdSkillsBodyOutputSchema.from_dict(_output_schema)




        _presets = d.pop("presets", UNSET)
        presets: PostV1AgentsIdSkillsBodyPresets | Unset
        if isinstance(_presets,  Unset):
            presets = UNSET
        else:
            presets = PostV1AgentsIdSkillsBodyPresets.from_dict(_presets)




        requires_approval = d.pop("requires_approval", UNSET)

        timeout_ms = d.pop("timeout_ms", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: PostV1AgentsIdSkillsBodyType | Unset
        if isinstance(_type_,  Unset):
            type_ = UNSET
        else:
            type_ = PostV1AgentsIdSkillsBodyType(_type_)




        url = d.pop("url", UNSET)

        post_v1_agents_id_skills_body = cls(
            action=action,
            connection_id=connection_id,
            description=description,
            input_schema=input_schema,
            name=name,
            output_schema=output_schema,
            presets=presets,
            requires_approval=requires_approval,
            timeout_ms=timeout_ms,
            type_=type_,
            url=url,
        )

        return post_v1_agents_id_skills_body

