from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.post_v1_connectors_body_auth import PostV1ConnectorsBodyAuth
  from ..models.post_v1_connectors_body_headers import PostV1ConnectorsBodyHeaders
  from ..models.post_v1_connectors_body_operations_item import PostV1ConnectorsBodyOperationsItem
  from ..models.post_v1_connectors_body_packs_item import PostV1ConnectorsBodyPacksItem





T = TypeVar("T", bound="PostV1ConnectorsBody")



@_attrs_define
class PostV1ConnectorsBody:
    """ A declarative HTTP connector (docs/connectors.md has every field).

        Attributes:
            base_url (str): http or https; every operation's path is relative to it.
            name (str): The catalog id is namespace.name.
            operations (list[PostV1ConnectorsBodyOperationsItem]): name, description, method, path (with {placeholders}),
                base_url (the operation's own server, when not the connector's), parameters (JSON Schema object), locations
                (path|query|header|body per parameter), output_schema, extract (JSON pointer), pagination
                (cursor|link_header|page_number), mutating, important, timeout_ms.
            auth (PostV1ConnectorsBodyAuth | Unset): type: none, bearer, basic, api_key (in: header|query, name) or oauth2
                (authorize_url, token_url, scopes, pkce, client_auth, refresh).
            category (str | Unset):
            description (str | Unset):
            headers (PostV1ConnectorsBodyHeaders | Unset): Default headers of every request; no credentials.
            namespace (str | Unset): Groups connectors; defaults to default.
            packs (list[PostV1ConnectorsBodyPacksItem] | Unset): id, name, description, skills: [{name, operation,
                description, presets}].
            title (str | Unset):
     """

    base_url: str
    name: str
    operations: list[PostV1ConnectorsBodyOperationsItem]
    auth: PostV1ConnectorsBodyAuth | Unset = UNSET
    category: str | Unset = UNSET
    description: str | Unset = UNSET
    headers: PostV1ConnectorsBodyHeaders | Unset = UNSET
    namespace: str | Unset = UNSET
    packs: list[PostV1ConnectorsBodyPacksItem] | Unset = UNSET
    title: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.post_v1_connectors_body_auth import PostV1ConnectorsBodyAuth # noqa: PLC0415
        from ..models.post_v1_connectors_body_headers import PostV1ConnectorsBodyHeaders # noqa: PLC0415
        from ..models.post_v1_connectors_body_operations_item import PostV1ConnectorsBodyOperationsItem # noqa: PLC0415
        from ..models.post_v1_connectors_body_packs_item import PostV1ConnectorsBodyPacksItem # noqa: PLC0415
        base_url = self.base_url

        name = self.name

        operations = []
        for operations_item_data in self.operations:
            operations_item = operations_item_data.to_dict()
            operations.append(operations_item)



        auth: dict[str, Any] | Unset = UNSET
        if not isinstance(self.auth, Unset):
            auth = self.auth.to_dict()

        category = self.category

        description = self.description

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        namespace = self.namespace

        packs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.packs, Unset):
            packs = []
            for packs_item_data in self.packs:
                packs_item = packs_item_data.to_dict()
                packs.append(packs_item)



        title = self.title


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "base_url": base_url,
            "name": name,
            "operations": operations,
        })
        if auth is not UNSET:
            field_dict["auth"] = auth
        if category is not UNSET:
            field_dict["category"] = category
        if description is not UNSET:
            field_dict["description"] = description
        if headers is not UNSET:
            field_dict["headers"] = headers
        if namespace is not UNSET:
            field_dict["namespace"] = namespace
        if packs is not UNSET:
            field_dict["packs"] = packs
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.post_v1_connectors_body_auth import PostV1ConnectorsBodyAuth # noqa: PLC0415
        from ..models.post_v1_connectors_body_headers import PostV1ConnectorsBodyHeaders # noqa: PLC0415
        from ..models.post_v1_connectors_body_operations_item import PostV1ConnectorsBodyOperationsItem # noqa: PLC0415
        from ..models.post_v1_connectors_body_packs_item import PostV1ConnectorsBodyPacksItem # noqa: PLC0415
        d = dict(src_dict)
        base_url = d.pop("base_url")

        name = d.pop("name")

        operations = []
        _operations = d.pop("operations")
        for operations_item_data in (_operations):
            operations_item = PostV1ConnectorsBodyOperationsItem.from_dict(operations_item_data)



            operations.append(operations_item)


        _auth = d.pop("auth", UNSET)
        auth: PostV1ConnectorsBodyAuth | Unset
        if isinstance(_auth,  Unset):
            auth = UNSET
        else:
            auth = PostV1ConnectorsBodyAuth.from_dict(_auth)




        category = d.pop("category", UNSET)

        description = d.pop("description", UNSET)

        _headers = d.pop("headers", UNSET)
        headers: PostV1ConnectorsBodyHeaders | Unset
        if isinstance(_headers,  Unset):
            headers = UNSET
        else:
            headers = PostV1ConnectorsBodyHeaders.from_dict(_headers)




        namespace = d.pop("namespace", UNSET)

        _packs = d.pop("packs", UNSET)
        packs: list[PostV1ConnectorsBodyPacksItem] | Unset = UNSET
        if _packs is not UNSET:
            packs = []
            for packs_item_data in _packs:
                packs_item = PostV1ConnectorsBodyPacksItem.from_dict(packs_item_data)



                packs.append(packs_item)


        title = d.pop("title", UNSET)

        post_v1_connectors_body = cls(
            base_url=base_url,
            name=name,
            operations=operations,
            auth=auth,
            category=category,
            description=description,
            headers=headers,
            namespace=namespace,
            packs=packs,
            title=title,
        )

        return post_v1_connectors_body

