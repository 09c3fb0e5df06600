from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.get_v1_connections_id_schema_objects_object_response_200_operations_item import GetV1ConnectionsIdSchemaObjectsObjectResponse200OperationsItem
  from ..models.get_v1_connections_id_schema_objects_object_response_200_relationships_item import GetV1ConnectionsIdSchemaObjectsObjectResponse200RelationshipsItem





T = TypeVar("T", bound="GetV1ConnectionsIdSchemaObjectsObjectResponse200")



@_attrs_define
class GetV1ConnectionsIdSchemaObjectsObjectResponse200:
    """ 
        Attributes:
            name (str):
            operations (list[GetV1ConnectionsIdSchemaObjectsObjectResponse200OperationsItem]):
            relationships (list[GetV1ConnectionsIdSchemaObjectsObjectResponse200RelationshipsItem]):
     """

    name: str
    operations: list[GetV1ConnectionsIdSchemaObjectsObjectResponse200OperationsItem]
    relationships: list[GetV1ConnectionsIdSchemaObjectsObjectResponse200RelationshipsItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.get_v1_connections_id_schema_objects_object_response_200_operations_item import GetV1ConnectionsIdSchemaObjectsObjectResponse200OperationsItem # noqa: PLC0415
        from ..models.get_v1_connections_id_schema_objects_object_response_200_relationships_item import GetV1ConnectionsIdSchemaObjectsObjectResponse200RelationshipsItem # noqa: PLC0415
        name = self.name

        operations = []
        for operations_item_data in self.operations:
            operations_item = operations_item_data.to_dict()
            operations.append(operations_item)



        relationships = []
        for relationships_item_data in self.relationships:
            relationships_item = relationships_item_data.to_dict()
            relationships.append(relationships_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
            "operations": operations,
            "relationships": relationships,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.get_v1_connections_id_schema_objects_object_response_200_operations_item import GetV1ConnectionsIdSchemaObjectsObjectResponse200OperationsItem # noqa: PLC0415
        from ..models.get_v1_connections_id_schema_objects_object_response_200_relationships_item import GetV1ConnectionsIdSchemaObjectsObjectResponse200RelationshipsItem # noqa: PLC0415
        d = dict(src_dict)
        name = d.pop("name")

        operations = []
        _operations = d.pop("operations")
        for operations_item_data in (_operations):
            operations_item = GetV1ConnectionsIdSchemaObjectsObjectResponse200OperationsItem.from_dict(operations_item_data)



            operations.append(operations_item)


        relationships = []
        _relationships = d.pop("relationships")
        for relationships_item_data in (_relationships):
            relationships_item = GetV1ConnectionsIdSchemaObjectsObjectResponse200RelationshipsItem.from_dict(relationships_item_data)



            relationships.append(relationships_item)


        get_v1_connections_id_schema_objects_object_response_200 = cls(
            name=name,
            operations=operations,
            relationships=relationships,
        )


        get_v1_connections_id_schema_objects_object_response_200.additional_properties = d
        return get_v1_connections_id_schema_objects_object_response_200

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
