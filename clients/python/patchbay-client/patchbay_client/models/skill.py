from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.skill_binding import SkillBinding
  from ..models.skill_presets import SkillPresets
  from ..models.skill_webhook import SkillWebhook





T = TypeVar("T", bound="Skill")



@_attrs_define
class Skill:
    """ 
        Attributes:
            action (str):
            connection_id (str):
            description (str):
            input_schema (Any):
            name (str):
            presets (SkillPresets):
            provider (str):
            requires_approval (bool):
            binding (SkillBinding | Unset): Set when the skill was made from a binding over a discovered object.
            secret (str | Unset): An http_webhook skill's signing secret (whsec_…), in the answer that created it only.
            webhook (SkillWebhook | Unset): Set for an http_webhook skill: the owner's endpoint the host calls.
     """

    action: str
    connection_id: str
    description: str
    input_schema: Any
    name: str
    presets: SkillPresets
    provider: str
    requires_approval: bool
    binding: SkillBinding | Unset = UNSET
    secret: str | Unset = UNSET
    webhook: SkillWebhook | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.skill_binding import SkillBinding # noqa: PLC0415
        from ..models.skill_presets import SkillPresets # noqa: PLC0415
        from ..models.skill_webhook import SkillWebhook # noqa: PLC0415
        action = self.action

        connection_id = self.connection_id

        description = self.description

        input_schema = self.input_schema

        name = self.name

        presets = self.presets.to_dict()

        provider = self.provider

        requires_approval = self.requires_approval

        binding: dict[str, Any] | Unset = UNSET
        if not isinstance(self.binding, Unset):
            binding = self.binding.to_dict()

        secret = self.secret

        webhook: dict[str, Any] | Unset = UNSET
        if not isinstance(self.webhook, Unset):
            webhook = self.webhook.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "action": action,
            "connection_id": connection_id,
            "description": description,
            "input_schema": input_schema,
            "name": name,
            "presets": presets,
            "provider": provider,
            "requires_approval": requires_approval,
        })
        if binding is not UNSET:
            field_dict["binding"] = binding
        if secret is not UNSET:
            field_dict["secret"] = secret
        if webhook is not UNSET:
            field_dict["webhook"] = webhook

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.skill_binding import SkillBinding # noqa: PLC0415
        from ..models.skill_presets import SkillPresets # noqa: PLC0415
        from ..models.skill_webhook import SkillWebhook # noqa: PLC0415
        d = dict(src_dict)
        action = d.pop("action")

        connection_id = d.pop("connection_id")

        description = d.pop("description")

        input_schema = d.pop("input_schema")

        name = d.pop("name")

        presets = SkillPresets.from_dict(d.pop("presets"))




        provider = d.pop("provider")

        requires_approval = d.pop("requires_approval")

        _binding = d.pop("binding", UNSET)
        binding: SkillBinding | Unset
        if isinstance(_binding,  Unset):
            binding = UNSET
        else:
            binding = SkillBinding.from_dict(_binding)




        secret = d.pop("secret", UNSET)

        _webhook = d.pop("webhook", UNSET)
        webhook: SkillWebhook | Unset
        if isinstance(_webhook,  Unset):
            webhook = UNSET
        else:
            webhook = SkillWebhook.from_dict(_webhook)




        skill = cls(
            action=action,
            connection_id=connection_id,
            description=description,
            input_schema=input_schema,
            name=name,
            presets=presets,
            provider=provider,
            requires_approval=requires_approval,
            binding=binding,
            secret=secret,
            webhook=webhook,
        )

        return skill

