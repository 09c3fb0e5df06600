from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.connector_definition import ConnectorDefinition





T = TypeVar("T", bound="Connector")



@_attrs_define
class Connector:
    """ 
        Attributes:
            created_at (datetime.datetime):
            definition (ConnectorDefinition):
            id (str):
            name (str):
            namespace (str):
            provider (str):
            updated_at (datetime.datetime):
     """

    created_at: datetime.datetime
    definition: ConnectorDefinition
    id: str
    name: str
    namespace: str
    provider: str
    updated_at: datetime.datetime





    def to_dict(self) -> dict[str, Any]:
        from ..models.connector_definition import ConnectorDefinition # noqa: PLC0415
        created_at = self.created_at.isoformat()

        definition = self.definition.to_dict()

        id = self.id

        name = self.name

        namespace = self.namespace

        provider = self.provider

        updated_at = self.updated_at.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "created_at": created_at,
            "definition": definition,
            "id": id,
            "name": name,
            "namespace": namespace,
            "provider": provider,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.connector_definition import ConnectorDefinition # noqa: PLC0415
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        definition = ConnectorDefinition.from_dict(d.pop("definition"))




        id = d.pop("id")

        name = d.pop("name")

        namespace = d.pop("namespace")

        provider = d.pop("provider")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        connector = cls(
            created_at=created_at,
            definition=definition,
            id=id,
            name=name,
            namespace=namespace,
            provider=provider,
            updated_at=updated_at,
        )

        return connector

