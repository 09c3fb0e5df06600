from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.post_v1_mcp_connections_body import PostV1McpConnectionsBody
from ...models.post_v1_mcp_connections_response_201 import PostV1McpConnectionsResponse201
from typing import cast



def _get_kwargs(
    *,
    body: PostV1McpConnectionsBody,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/mcp-connections",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PostV1McpConnectionsResponse201 | None:
    if response.status_code == 201:
        response_201 = PostV1McpConnectionsResponse201.from_dict(response.json())



        return response_201

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())



        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())



        return response_409

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())



        return response_413

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())



        return response_429

    if response.status_code == 502:
        response_502 = Error.from_dict(response.json())



        return response_502

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PostV1McpConnectionsResponse201]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PostV1McpConnectionsBody,

) -> Response[Error | PostV1McpConnectionsResponse201]:
    """ Connect a remote MCP server: initialize a session and list its tools, which become the connection's
    actions. With OAuth, the connection is pending until the user consents at its authorize_url.

    Args:
        body (PostV1McpConnectionsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PostV1McpConnectionsResponse201]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    body: PostV1McpConnectionsBody,

) -> Error | PostV1McpConnectionsResponse201 | None:
    """ Connect a remote MCP server: initialize a session and list its tools, which become the connection's
    actions. With OAuth, the connection is pending until the user consents at its authorize_url.

    Args:
        body (PostV1McpConnectionsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PostV1McpConnectionsResponse201
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PostV1McpConnectionsBody,

) -> Response[Error | PostV1McpConnectionsResponse201]:
    """ Connect a remote MCP server: initialize a session and list its tools, which become the connection's
    actions. With OAuth, the connection is pending until the user consents at its authorize_url.

    Args:
        body (PostV1McpConnectionsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PostV1McpConnectionsResponse201]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PostV1McpConnectionsBody,

) -> Error | PostV1McpConnectionsResponse201 | None:
    """ Connect a remote MCP server: initialize a session and list its tools, which become the connection's
    actions. With OAuth, the connection is pending until the user consents at its authorize_url.

    Args:
        body (PostV1McpConnectionsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PostV1McpConnectionsResponse201
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
