from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.execution import Execution
from ...models.post_v1_agents_id_skills_name_invoke_body import PostV1AgentsIdSkillsNameInvokeBody
from ...models.provider_error import ProviderError
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    id: str,
    name: str,
    *,
    body: PostV1AgentsIdSkillsNameInvokeBody,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/agents/{id}/skills/{name}/invoke".format(id=quote(str(id), safe=""),name=quote(str(name), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Execution | ProviderError | None:
    if response.status_code == 200:
        response_200 = Execution.from_dict(response.json())



        return response_200

    if response.status_code == 202:
        response_202 = Execution.from_dict(response.json())



        return response_202

    if response.status_code == 400:
        response_400 = ProviderError.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = ProviderError.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = ProviderError.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = ProviderError.from_dict(response.json())



        return response_404

    if response.status_code == 409:
        response_409 = ProviderError.from_dict(response.json())



        return response_409

    if response.status_code == 413:
        response_413 = ProviderError.from_dict(response.json())



        return response_413

    if response.status_code == 422:
        response_422 = ProviderError.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = ProviderError.from_dict(response.json())



        return response_429

    if response.status_code == 502:
        response_502 = ProviderError.from_dict(response.json())



        return response_502

    if response.status_code == 503:
        response_503 = ProviderError.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Execution | ProviderError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    name: str,
    *,
    client: AuthenticatedClient,
    body: PostV1AgentsIdSkillsNameInvokeBody,
    idempotency_key: str | Unset = UNSET,

) -> Response[Execution | ProviderError]:
    """ Call a published skill. Runs now, or waits as awaiting_approval (202) when the skill needs approval.

    Args:
        id (str):
        name (str):
        idempotency_key (str | Unset):
        body (PostV1AgentsIdSkillsNameInvokeBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Execution | ProviderError]
     """


    kwargs = _get_kwargs(
        id=id,
name=name,
body=body,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    id: str,
    name: str,
    *,
    client: AuthenticatedClient,
    body: PostV1AgentsIdSkillsNameInvokeBody,
    idempotency_key: str | Unset = UNSET,

) -> Execution | ProviderError | None:
    """ Call a published skill. Runs now, or waits as awaiting_approval (202) when the skill needs approval.

    Args:
        id (str):
        name (str):
        idempotency_key (str | Unset):
        body (PostV1AgentsIdSkillsNameInvokeBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Execution | ProviderError
     """


    return sync_detailed(
        id=id,
name=name,
client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    id: str,
    name: str,
    *,
    client: AuthenticatedClient,
    body: PostV1AgentsIdSkillsNameInvokeBody,
    idempotency_key: str | Unset = UNSET,

) -> Response[Execution | ProviderError]:
    """ Call a published skill. Runs now, or waits as awaiting_approval (202) when the skill needs approval.

    Args:
        id (str):
        name (str):
        idempotency_key (str | Unset):
        body (PostV1AgentsIdSkillsNameInvokeBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Execution | ProviderError]
     """


    kwargs = _get_kwargs(
        id=id,
name=name,
body=body,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    id: str,
    name: str,
    *,
    client: AuthenticatedClient,
    body: PostV1AgentsIdSkillsNameInvokeBody,
    idempotency_key: str | Unset = UNSET,

) -> Execution | ProviderError | None:
    """ Call a published skill. Runs now, or waits as awaiting_approval (202) when the skill needs approval.

    Args:
        id (str):
        name (str):
        idempotency_key (str | Unset):
        body (PostV1AgentsIdSkillsNameInvokeBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Execution | ProviderError
     """


    return (await asyncio_detailed(
        id=id,
name=name,
client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
