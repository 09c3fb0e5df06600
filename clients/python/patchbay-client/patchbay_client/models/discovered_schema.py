from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.discovered_schema_objects_item import DiscoveredSchemaObjectsItem
  from ..models.discovered_schema_operations_item import DiscoveredSchemaOperationsItem
  from ..models.discovered_schema_relationships_item import DiscoveredSchemaRelationshipsItem





T = TypeVar("T", bound="DiscoveredSchema")



@_attrs_define
class DiscoveredSchema:
    """ 
        Attributes:
            connection_id (str):
            discovered_at (datetime.datetime):
            objects (list[DiscoveredSchemaObjectsItem]):
            operations (list[DiscoveredSchemaOperationsItem] | Unset):
            relationships (list[DiscoveredSchemaRelationshipsItem] | Unset):
     """

    connection_id: str
    discovered_at: datetime.datetime
    objects: list[DiscoveredSchemaObjectsItem]
    operations: list[DiscoveredSchemaOperationsItem] | Unset = UNSET
    relationships: list[DiscoveredSchemaRelationshipsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.discovered_schema_objects_item import DiscoveredSchemaObjectsItem # noqa: PLC0415
        from ..models.discovered_schema_operations_item import DiscoveredSchemaOperationsItem # noqa: PLC0415
        from ..models.discovered_schema_relationships_item import DiscoveredSchemaRelationshipsItem # noqa: PLC0415
        connection_id = self.connection_id

        discovered_at = self.discovered_at.isoformat()

        objects = []
        for objects_item_data in self.objects:
            objects_item = objects_item_data.to_dict()
            objects.append(objects_item)



        operations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.operations, Unset):
            operations = []
            for operations_item_data in self.operations:
                operations_item = operations_item_data.to_dict()
                operations.append(operations_item)



        relationships: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.relationships, Unset):
            relationships = []
            for relationships_item_data in self.relationships:
                relationships_item = relationships_item_data.to_dict()
                relationships.append(relationships_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "connection_id": connection_id,
            "discovered_at": discovered_at,
            "objects": objects,
        })
        if operations is not UNSET:
            field_dict["operations"] = operations
        if relationships is not UNSET:
            field_dict["relationships"] = relationships

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.discovered_schema_objects_item import DiscoveredSchemaObjectsItem # noqa: PLC0415
        from ..models.discovered_schema_operations_item import DiscoveredSchemaOperationsItem # noqa: PLC0415
        from ..models.discovered_schema_relationships_item import DiscoveredSchemaRelationshipsItem # noqa: PLC0415
        d = dict(src_dict)
        connection_id = d.pop("connection_id")

        discovered_at = datetime.datetime.fromisoformat(d.pop("discovered_at"))




        objects = []
        _objects = d.pop("objects")
        for objects_item_data in (_objects):
            objects_item = DiscoveredSchemaObjectsItem.from_dict(objects_item_data)



            objects.append(objects_item)


        _operations = d.pop("operations", UNSET)
        operations: list[DiscoveredSchemaOperationsItem] | Unset = UNSET
        if _operations is not UNSET:
            operations = []
            for operations_item_data in _operations:
                operations_item = DiscoveredSchemaOperationsItem.from_dict(operations_item_data)



                operations.append(operations_item)


        _relationships = d.pop("relationships", UNSET)
        relationships: list[DiscoveredSchemaRelationshipsItem] | Unset = UNSET
        if _relationships is not UNSET:
            relationships = []
            for relationships_item_data in _relationships:
                relationships_item = DiscoveredSchemaRelationshipsItem.from_dict(relationships_item_data)



                relationships.append(relationships_item)


        discovered_schema = cls(
            connection_id=connection_id,
            discovered_at=discovered_at,
            objects=objects,
            operations=operations,
            relationships=relationships,
        )


        discovered_schema.additional_properties = d
        return discovered_schema

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
