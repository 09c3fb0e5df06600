from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.catalog_entry import CatalogEntry
  from ..models.get_v1_catalog_response_200_counts import GetV1CatalogResponse200Counts





T = TypeVar("T", bound="GetV1CatalogResponse200")



@_attrs_define
class GetV1CatalogResponse200:
    """ 
        Attributes:
            counts (GetV1CatalogResponse200Counts):
            data (list[CatalogEntry]):
     """

    counts: GetV1CatalogResponse200Counts
    data: list[CatalogEntry]





    def to_dict(self) -> dict[str, Any]:
        from ..models.catalog_entry import CatalogEntry # noqa: PLC0415
        from ..models.get_v1_catalog_response_200_counts import GetV1CatalogResponse200Counts # noqa: PLC0415
        counts = self.counts.to_dict()

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "counts": counts,
            "data": data,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.catalog_entry import CatalogEntry # noqa: PLC0415
        from ..models.get_v1_catalog_response_200_counts import GetV1CatalogResponse200Counts # noqa: PLC0415
        d = dict(src_dict)
        counts = GetV1CatalogResponse200Counts.from_dict(d.pop("counts"))




        data = []
        _data = d.pop("data")
        for data_item_data in (_data):
            data_item = CatalogEntry.from_dict(data_item_data)



            data.append(data_item)


        get_v1_catalog_response_200 = cls(
            counts=counts,
            data=data,
        )

        return get_v1_catalog_response_200

