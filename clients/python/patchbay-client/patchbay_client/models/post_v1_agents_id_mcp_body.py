from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast

if TYPE_CHECKING:
  from ..models.post_v1_agents_id_mcp_body_error import PostV1AgentsIdMcpBodyError
  from ..models.post_v1_agents_id_mcp_body_params import PostV1AgentsIdMcpBodyParams





T = TypeVar("T", bound="PostV1AgentsIdMcpBody")



@_attrs_define
class PostV1AgentsIdMcpBody:
    """ 
        Attributes:
            jsonrpc (Literal['2.0']):
            error (PostV1AgentsIdMcpBodyError | Unset):
            id (int | None | str | Unset):
            method (str | Unset):
            params (PostV1AgentsIdMcpBodyParams | Unset):
            result (Any | Unset):
     """

    jsonrpc: Literal['2.0']
    error: PostV1AgentsIdMcpBodyError | Unset = UNSET
    id: int | None | str | Unset = UNSET
    method: str | Unset = UNSET
    params: PostV1AgentsIdMcpBodyParams | Unset = UNSET
    result: Any | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.post_v1_agents_id_mcp_body_error import PostV1AgentsIdMcpBodyError # noqa: PLC0415
        from ..models.post_v1_agents_id_mcp_body_params import PostV1AgentsIdMcpBodyParams # noqa: PLC0415
        jsonrpc = self.jsonrpc

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        id: int | None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        method = self.method

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        result = self.result


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "jsonrpc": jsonrpc,
        })
        if error is not UNSET:
            field_dict["error"] = error
        if id is not UNSET:
            field_dict["id"] = id
        if method is not UNSET:
            field_dict["method"] = method
        if params is not UNSET:
            field_dict["params"] = params
        if result is not UNSET:
            field_dict["result"] = result

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.post_v1_agents_id_mcp_body_error import PostV1AgentsIdMcpBodyError # noqa: PLC0415
        from ..models.post_v1_agents_id_mcp_body_params import PostV1AgentsIdMcpBodyParams # noqa: PLC0415
        d = dict(src_dict)
        jsonrpc = cast(Literal['2.0'] , d.pop("jsonrpc"))
        if jsonrpc != '2.0':
            raise ValueError(f"jsonrpc must match const '2.0', got '{jsonrpc}'")

        _error = d.pop("error", UNSET)
        error: PostV1AgentsIdMcpBodyError | Unset
        if isinstance(_error,  Unset):
            error = UNSET
        else:
            error = PostV1AgentsIdMcpBodyError.from_dict(_error)




        def _parse_id(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))


        method = d.pop("method", UNSET)

        _params = d.pop("params", UNSET)
        params: PostV1AgentsIdMcpBodyParams | Unset
        if isinstance(_params,  Unset):
            params = UNSET
        else:
            params = PostV1AgentsIdMcpBodyParams.from_dict(_params)




        result = d.pop("result", UNSET)

        post_v1_agents_id_mcp_body = cls(
            jsonrpc=jsonrpc,
            error=error,
            id=id,
            method=method,
            params=params,
            result=result,
        )

        return post_v1_agents_id_mcp_body

