from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.post_v1_webhooks_events_id_replay_body import PostV1WebhooksEventsIdReplayBody
from ...models.post_v1_webhooks_events_id_replay_response_202 import PostV1WebhooksEventsIdReplayResponse202
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    id: str,
    *,
    body: PostV1WebhooksEventsIdReplayBody | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/webhooks/events/{id}/replay".format(id=quote(str(id), safe=""),),
    }

    
    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PostV1WebhooksEventsIdReplayResponse202 | None:
    if response.status_code == 202:
        response_202 = PostV1WebhooksEventsIdReplayResponse202.from_dict(response.json())



        return response_202

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

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PostV1WebhooksEventsIdReplayResponse202]:
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
    body: PostV1WebhooksEventsIdReplayBody | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Response[Error | PostV1WebhooksEventsIdReplayResponse202]:
    """ Queue a stored event again (new webhook-id) for one push subscription or all that match.

    Args:
        id (str):
        idempotency_key (str | Unset):
        body (PostV1WebhooksEventsIdReplayBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PostV1WebhooksEventsIdReplayResponse202]
     """


    kwargs = _get_kwargs(
        id=id,
body=body,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: PostV1WebhooksEventsIdReplayBody | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Error | PostV1WebhooksEventsIdReplayResponse202 | None:
    """ Queue a stored event again (new webhook-id) for one push subscription or all that match.

    Args:
        id (str):
        idempotency_key (str | Unset):
        body (PostV1WebhooksEventsIdReplayBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PostV1WebhooksEventsIdReplayResponse202
     """


    return sync_detailed(
        id=id,
client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: PostV1WebhooksEventsIdReplayBody | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Response[Error | PostV1WebhooksEventsIdReplayResponse202]:
    """ Queue a stored event again (new webhook-id) for one push subscription or all that match.

    Args:
        id (str):
        idempotency_key (str | Unset):
        body (PostV1WebhooksEventsIdReplayBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PostV1WebhooksEventsIdReplayResponse202]
     """


    kwargs = _get_kwargs(
        id=id,
body=body,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: PostV1WebhooksEventsIdReplayBody | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Error | PostV1WebhooksEventsIdReplayResponse202 | None:
    """ Queue a stored event again (new webhook-id) for one push subscription or all that match.

    Args:
        id (str):
        idempotency_key (str | Unset):
        body (PostV1WebhooksEventsIdReplayBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PostV1WebhooksEventsIdReplayResponse202
     """


    return (await asyncio_detailed(
        id=id,
client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
