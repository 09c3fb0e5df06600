from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    connection_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
    status: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    trigger: str | Unset = UNSET,
    limit: str | Unset = UNSET,
    cursor: str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["connection_id"] = connection_id

    params["action"] = action

    params["status"] = status

    params["agent_id"] = agent_id

    params["trigger"] = trigger

    params["limit"] = limit

    params["cursor"] = cursor


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/executions",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
        return response_200

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    connection_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
    status: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    trigger: str | Unset = UNSET,
    limit: str | Unset = UNSET,
    cursor: str | Unset = UNSET,

) -> Response[Any | Error]:
    """ Action runs, newest first.

    Args:
        connection_id (str | Unset):
        action (str | Unset):
        status (str | Unset):
        agent_id (str | Unset):
        trigger (str | Unset):
        limit (str | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
     """


    kwargs = _get_kwargs(
        connection_id=connection_id,
action=action,
status=status,
agent_id=agent_id,
trigger=trigger,
limit=limit,
cursor=cursor,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    connection_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
    status: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    trigger: str | Unset = UNSET,
    limit: str | Unset = UNSET,
    cursor: str | Unset = UNSET,

) -> Any | Error | None:
    """ Action runs, newest first.

    Args:
        connection_id (str | Unset):
        action (str | Unset):
        status (str | Unset):
        agent_id (str | Unset):
        trigger (str | Unset):
        limit (str | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
     """


    return sync_detailed(
        client=client,
connection_id=connection_id,
action=action,
status=status,
agent_id=agent_id,
trigger=trigger,
limit=limit,
cursor=cursor,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    connection_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
    status: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    trigger: str | Unset = UNSET,
    limit: str | Unset = UNSET,
    cursor: str | Unset = UNSET,

) -> Response[Any | Error]:
    """ Action runs, newest first.

    Args:
        connection_id (str | Unset):
        action (str | Unset):
        status (str | Unset):
        agent_id (str | Unset):
        trigger (str | Unset):
        limit (str | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
     """


    kwargs = _get_kwargs(
        connection_id=connection_id,
action=action,
status=status,
agent_id=agent_id,
trigger=trigger,
limit=limit,
cursor=cursor,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    connection_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
    status: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    trigger: str | Unset = UNSET,
    limit: str | Unset = UNSET,
    cursor: str | Unset = UNSET,

) -> Any | Error | None:
    """ Action runs, newest first.

    Args:
        connection_id (str | Unset):
        action (str | Unset):
        status (str | Unset):
        agent_id (str | Unset):
        trigger (str | Unset):
        limit (str | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
     """


    return (await asyncio_detailed(
        client=client,
connection_id=connection_id,
action=action,
status=status,
agent_id=agent_id,
trigger=trigger,
limit=limit,
cursor=cursor,

    )).parsed
