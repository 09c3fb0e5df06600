from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.post_v1_agents_id_mcp_body import PostV1AgentsIdMcpBody
from ...models.post_v1_agents_id_mcp_response_200 import PostV1AgentsIdMcpResponse200
from ...models.post_v1_agents_id_mcp_response_400_type_1 import PostV1AgentsIdMcpResponse400Type1
from ...models.post_v1_agents_id_mcp_response_401_type_1 import PostV1AgentsIdMcpResponse401Type1
from ...models.post_v1_agents_id_mcp_response_403_type_1 import PostV1AgentsIdMcpResponse403Type1
from ...models.post_v1_agents_id_mcp_response_404_type_1 import PostV1AgentsIdMcpResponse404Type1
from ...models.post_v1_agents_id_mcp_response_405_type_1 import PostV1AgentsIdMcpResponse405Type1
from ...models.post_v1_agents_id_mcp_response_406_type_1 import PostV1AgentsIdMcpResponse406Type1
from ...models.post_v1_agents_id_mcp_response_409_type_1 import PostV1AgentsIdMcpResponse409Type1
from ...models.post_v1_agents_id_mcp_response_413_type_1 import PostV1AgentsIdMcpResponse413Type1
from ...models.post_v1_agents_id_mcp_response_415_type_1 import PostV1AgentsIdMcpResponse415Type1
from ...models.post_v1_agents_id_mcp_response_429_type_1 import PostV1AgentsIdMcpResponse429Type1
from ...models.post_v1_agents_id_mcp_response_503_type_1 import PostV1AgentsIdMcpResponse503Type1
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    id: str,
    *,
    body: PostV1AgentsIdMcpBody,
    mcp_session_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
    patchbay_end_user: str | Unset = UNSET,
    mcp_protocol_version: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(mcp_session_id, Unset):
        headers["MCP-Session-Id"] = mcp_session_id

    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    if not isinstance(patchbay_end_user, Unset):
        headers["Patchbay-End-User"] = patchbay_end_user

    if not isinstance(mcp_protocol_version, Unset):
        headers["MCP-Protocol-Version"] = mcp_protocol_version



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/agents/{id}/mcp".format(id=quote(str(id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error | PostV1AgentsIdMcpResponse400Type1 | Error | PostV1AgentsIdMcpResponse401Type1 | Error | PostV1AgentsIdMcpResponse403Type1 | Error | PostV1AgentsIdMcpResponse404Type1 | Error | PostV1AgentsIdMcpResponse405Type1 | Error | PostV1AgentsIdMcpResponse406Type1 | Error | PostV1AgentsIdMcpResponse409Type1 | Error | PostV1AgentsIdMcpResponse413Type1 | Error | PostV1AgentsIdMcpResponse415Type1 | Error | PostV1AgentsIdMcpResponse429Type1 | Error | PostV1AgentsIdMcpResponse503Type1 | PostV1AgentsIdMcpResponse200 | None:
    if response.status_code == 200:
        response_200 = PostV1AgentsIdMcpResponse200.from_dict(response.json())



        return response_200

    if response.status_code == 202:
        response_202 = cast(Any, None)
        return response_202

    if response.status_code == 400:
        def _parse_response_400(data: object) -> Error | PostV1AgentsIdMcpResponse400Type1:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_400_type_0 = Error.from_dict(data)



                return response_400_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_400_type_1 = PostV1AgentsIdMcpResponse400Type1.from_dict(data)



            return response_400_type_1

        response_400 = _parse_response_400(response.json())

        return response_400

    if response.status_code == 401:
        def _parse_response_401(data: object) -> Error | PostV1AgentsIdMcpResponse401Type1:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_401_type_0 = Error.from_dict(data)



                return response_401_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_401_type_1 = PostV1AgentsIdMcpResponse401Type1.from_dict(data)



            return response_401_type_1

        response_401 = _parse_response_401(response.json())

        return response_401

    if response.status_code == 403:
        def _parse_response_403(data: object) -> Error | PostV1AgentsIdMcpResponse403Type1:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_403_type_0 = Error.from_dict(data)



                return response_403_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_403_type_1 = PostV1AgentsIdMcpResponse403Type1.from_dict(data)



            return response_403_type_1

        response_403 = _parse_response_403(response.json())

        return response_403

    if response.status_code == 404:
        def _parse_response_404(data: object) -> Error | PostV1AgentsIdMcpResponse404Type1:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_404_type_0 = Error.from_dict(data)



                return response_404_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_404_type_1 = PostV1AgentsIdMcpResponse404Type1.from_dict(data)



            return response_404_type_1

        response_404 = _parse_response_404(response.json())

        return response_404

    if response.status_code == 405:
        def _parse_response_405(data: object) -> Error | PostV1AgentsIdMcpResponse405Type1:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_405_type_0 = Error.from_dict(data)



                return response_405_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_405_type_1 = PostV1AgentsIdMcpResponse405Type1.from_dict(data)



            return response_405_type_1

        response_405 = _parse_response_405(response.json())

        return response_405

    if response.status_code == 406:
        def _parse_response_406(data: object) -> Error | PostV1AgentsIdMcpResponse406Type1:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_406_type_0 = Error.from_dict(data)



                return response_406_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_406_type_1 = PostV1AgentsIdMcpResponse406Type1.from_dict(data)



            return response_406_type_1

        response_406 = _parse_response_406(response.json())

        return response_406

    if response.status_code == 409:
        def _parse_response_409(data: object) -> Error | PostV1AgentsIdMcpResponse409Type1:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_409_type_0 = Error.from_dict(data)



                return response_409_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_409_type_1 = PostV1AgentsIdMcpResponse409Type1.from_dict(data)



            return response_409_type_1

        response_409 = _parse_response_409(response.json())

        return response_409

    if response.status_code == 413:
        def _parse_response_413(data: object) -> Error | PostV1AgentsIdMcpResponse413Type1:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_413_type_0 = Error.from_dict(data)



                return response_413_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_413_type_1 = PostV1AgentsIdMcpResponse413Type1.from_dict(data)



            return response_413_type_1

        response_413 = _parse_response_413(response.json())

        return response_413

    if response.status_code == 415:
        def _parse_response_415(data: object) -> Error | PostV1AgentsIdMcpResponse415Type1:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_415_type_0 = Error.from_dict(data)



                return response_415_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_415_type_1 = PostV1AgentsIdMcpResponse415Type1.from_dict(data)



            return response_415_type_1

        response_415 = _parse_response_415(response.json())

        return response_415

    if response.status_code == 429:
        def _parse_response_429(data: object) -> Error | PostV1AgentsIdMcpResponse429Type1:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_429_type_0 = Error.from_dict(data)



                return response_429_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_429_type_1 = PostV1AgentsIdMcpResponse429Type1.from_dict(data)



            return response_429_type_1

        response_429 = _parse_response_429(response.json())

        return response_429

    if response.status_code == 503:
        def _parse_response_503(data: object) -> Error | PostV1AgentsIdMcpResponse503Type1:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_503_type_0 = Error.from_dict(data)



                return response_503_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_503_type_1 = PostV1AgentsIdMcpResponse503Type1.from_dict(data)



            return response_503_type_1

        response_503 = _parse_response_503(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Error | PostV1AgentsIdMcpResponse400Type1 | Error | PostV1AgentsIdMcpResponse401Type1 | Error | PostV1AgentsIdMcpResponse403Type1 | Error | PostV1AgentsIdMcpResponse404Type1 | Error | PostV1AgentsIdMcpResponse405Type1 | Error | PostV1AgentsIdMcpResponse406Type1 | Error | PostV1AgentsIdMcpResponse409Type1 | Error | PostV1AgentsIdMcpResponse413Type1 | Error | PostV1AgentsIdMcpResponse415Type1 | Error | PostV1AgentsIdMcpResponse429Type1 | Error | PostV1AgentsIdMcpResponse503Type1 | PostV1AgentsIdMcpResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: PostV1AgentsIdMcpBody,
    mcp_session_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
    patchbay_end_user: str | Unset = UNSET,
    mcp_protocol_version: str | Unset = UNSET,

) -> Response[Any | Error | PostV1AgentsIdMcpResponse400Type1 | Error | PostV1AgentsIdMcpResponse401Type1 | Error | PostV1AgentsIdMcpResponse403Type1 | Error | PostV1AgentsIdMcpResponse404Type1 | Error | PostV1AgentsIdMcpResponse405Type1 | Error | PostV1AgentsIdMcpResponse406Type1 | Error | PostV1AgentsIdMcpResponse409Type1 | Error | PostV1AgentsIdMcpResponse413Type1 | Error | PostV1AgentsIdMcpResponse415Type1 | Error | PostV1AgentsIdMcpResponse429Type1 | Error | PostV1AgentsIdMcpResponse503Type1 | PostV1AgentsIdMcpResponse200]:
    """ MCP JSON-RPC messages (initialize opens a session; tools/list, tools/call) for the agent's published
    skills.

    Args:
        id (str):
        mcp_session_id (str | Unset):
        idempotency_key (str | Unset):
        patchbay_end_user (str | Unset):
        mcp_protocol_version (str | Unset):
        body (PostV1AgentsIdMcpBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PostV1AgentsIdMcpResponse400Type1 | Error | PostV1AgentsIdMcpResponse401Type1 | Error | PostV1AgentsIdMcpResponse403Type1 | Error | PostV1AgentsIdMcpResponse404Type1 | Error | PostV1AgentsIdMcpResponse405Type1 | Error | PostV1AgentsIdMcpResponse406Type1 | Error | PostV1AgentsIdMcpResponse409Type1 | Error | PostV1AgentsIdMcpResponse413Type1 | Error | PostV1AgentsIdMcpResponse415Type1 | Error | PostV1AgentsIdMcpResponse429Type1 | Error | PostV1AgentsIdMcpResponse503Type1 | PostV1AgentsIdMcpResponse200]
     """


    kwargs = _get_kwargs(
        id=id,
body=body,
mcp_session_id=mcp_session_id,
idempotency_key=idempotency_key,
patchbay_end_user=patchbay_end_user,
mcp_protocol_version=mcp_protocol_version,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: PostV1AgentsIdMcpBody,
    mcp_session_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
    patchbay_end_user: str | Unset = UNSET,
    mcp_protocol_version: str | Unset = UNSET,

) -> Any | Error | PostV1AgentsIdMcpResponse400Type1 | Error | PostV1AgentsIdMcpResponse401Type1 | Error | PostV1AgentsIdMcpResponse403Type1 | Error | PostV1AgentsIdMcpResponse404Type1 | Error | PostV1AgentsIdMcpResponse405Type1 | Error | PostV1AgentsIdMcpResponse406Type1 | Error | PostV1AgentsIdMcpResponse409Type1 | Error | PostV1AgentsIdMcpResponse413Type1 | Error | PostV1AgentsIdMcpResponse415Type1 | Error | PostV1AgentsIdMcpResponse429Type1 | Error | PostV1AgentsIdMcpResponse503Type1 | PostV1AgentsIdMcpResponse200 | None:
    """ MCP JSON-RPC messages (initialize opens a session; tools/list, tools/call) for the agent's published
    skills.

    Args:
        id (str):
        mcp_session_id (str | Unset):
        idempotency_key (str | Unset):
        patchbay_end_user (str | Unset):
        mcp_protocol_version (str | Unset):
        body (PostV1AgentsIdMcpBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PostV1AgentsIdMcpResponse400Type1 | Error | PostV1AgentsIdMcpResponse401Type1 | Error | PostV1AgentsIdMcpResponse403Type1 | Error | PostV1AgentsIdMcpResponse404Type1 | Error | PostV1AgentsIdMcpResponse405Type1 | Error | PostV1AgentsIdMcpResponse406Type1 | Error | PostV1AgentsIdMcpResponse409Type1 | Error | PostV1AgentsIdMcpResponse413Type1 | Error | PostV1AgentsIdMcpResponse415Type1 | Error | PostV1AgentsIdMcpResponse429Type1 | Error | PostV1AgentsIdMcpResponse503Type1 | PostV1AgentsIdMcpResponse200
     """


    return sync_detailed(
        id=id,
client=client,
body=body,
mcp_session_id=mcp_session_id,
idempotency_key=idempotency_key,
patchbay_end_user=patchbay_end_user,
mcp_protocol_version=mcp_protocol_version,

    ).parsed

async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: PostV1AgentsIdMcpBody,
    mcp_session_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
    patchbay_end_user: str | Unset = UNSET,
    mcp_protocol_version: str | Unset = UNSET,

) -> Response[Any | Error | PostV1AgentsIdMcpResponse400Type1 | Error | PostV1AgentsIdMcpResponse401Type1 | Error | PostV1AgentsIdMcpResponse403Type1 | Error | PostV1AgentsIdMcpResponse404Type1 | Error | PostV1AgentsIdMcpResponse405Type1 | Error | PostV1AgentsIdMcpResponse406Type1 | Error | PostV1AgentsIdMcpResponse409Type1 | Error | PostV1AgentsIdMcpResponse413Type1 | Error | PostV1AgentsIdMcpResponse415Type1 | Error | PostV1AgentsIdMcpResponse429Type1 | Error | PostV1AgentsIdMcpResponse503Type1 | PostV1AgentsIdMcpResponse200]:
    """ MCP JSON-RPC messages (initialize opens a session; tools/list, tools/call) for the agent's published
    skills.

    Args:
        id (str):
        mcp_session_id (str | Unset):
        idempotency_key (str | Unset):
        patchbay_end_user (str | Unset):
        mcp_protocol_version (str | Unset):
        body (PostV1AgentsIdMcpBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PostV1AgentsIdMcpResponse400Type1 | Error | PostV1AgentsIdMcpResponse401Type1 | Error | PostV1AgentsIdMcpResponse403Type1 | Error | PostV1AgentsIdMcpResponse404Type1 | Error | PostV1AgentsIdMcpResponse405Type1 | Error | PostV1AgentsIdMcpResponse406Type1 | Error | PostV1AgentsIdMcpResponse409Type1 | Error | PostV1AgentsIdMcpResponse413Type1 | Error | PostV1AgentsIdMcpResponse415Type1 | Error | PostV1AgentsIdMcpResponse429Type1 | Error | PostV1AgentsIdMcpResponse503Type1 | PostV1AgentsIdMcpResponse200]
     """


    kwargs = _get_kwargs(
        id=id,
body=body,
mcp_session_id=mcp_session_id,
idempotency_key=idempotency_key,
patchbay_end_user=patchbay_end_user,
mcp_protocol_version=mcp_protocol_version,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: PostV1AgentsIdMcpBody,
    mcp_session_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
    patchbay_end_user: str | Unset = UNSET,
    mcp_protocol_version: str | Unset = UNSET,

) -> Any | Error | PostV1AgentsIdMcpResponse400Type1 | Error | PostV1AgentsIdMcpResponse401Type1 | Error | PostV1AgentsIdMcpResponse403Type1 | Error | PostV1AgentsIdMcpResponse404Type1 | Error | PostV1AgentsIdMcpResponse405Type1 | Error | PostV1AgentsIdMcpResponse406Type1 | Error | PostV1AgentsIdMcpResponse409Type1 | Error | PostV1AgentsIdMcpResponse413Type1 | Error | PostV1AgentsIdMcpResponse415Type1 | Error | PostV1AgentsIdMcpResponse429Type1 | Error | PostV1AgentsIdMcpResponse503Type1 | PostV1AgentsIdMcpResponse200 | None:
    """ MCP JSON-RPC messages (initialize opens a session; tools/list, tools/call) for the agent's published
    skills.

    Args:
        id (str):
        mcp_session_id (str | Unset):
        idempotency_key (str | Unset):
        patchbay_end_user (str | Unset):
        mcp_protocol_version (str | Unset):
        body (PostV1AgentsIdMcpBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PostV1AgentsIdMcpResponse400Type1 | Error | PostV1AgentsIdMcpResponse401Type1 | Error | PostV1AgentsIdMcpResponse403Type1 | Error | PostV1AgentsIdMcpResponse404Type1 | Error | PostV1AgentsIdMcpResponse405Type1 | Error | PostV1AgentsIdMcpResponse406Type1 | Error | PostV1AgentsIdMcpResponse409Type1 | Error | PostV1AgentsIdMcpResponse413Type1 | Error | PostV1AgentsIdMcpResponse415Type1 | Error | PostV1AgentsIdMcpResponse429Type1 | Error | PostV1AgentsIdMcpResponse503Type1 | PostV1AgentsIdMcpResponse200
     """


    return (await asyncio_detailed(
        id=id,
client=client,
body=body,
mcp_session_id=mcp_session_id,
idempotency_key=idempotency_key,
patchbay_end_user=patchbay_end_user,
mcp_protocol_version=mcp_protocol_version,

    )).parsed
