from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.execution_status import ExecutionStatus
from ..models.execution_trigger import ExecutionTrigger
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.execution_error_type_0 import ExecutionErrorType0
  from ..models.execution_requests_item import ExecutionRequestsItem





T = TypeVar("T", bound="Execution")



@_attrs_define
class Execution:
    """ 
        Attributes:
            action (str):
            agent_id (None | str):
            agent_version (int | None):
            connection_id (str):
            duration_ms (int | None):
            end_user (None | str):
            error (ExecutionErrorType0 | None):
            finished_at (datetime.datetime | None):
            id (str):
            output (Any):
            pending_input (Any):
            provider (str):
            requests (list[ExecutionRequestsItem]):
            skill (None | str):
            started_at (datetime.datetime):
            status (ExecutionStatus):
            tool_call_id (None | str):
            trigger (ExecutionTrigger):
            record_incomplete (bool | Unset):
            warning (str | Unset):
     """

    action: str
    agent_id: None | str
    agent_version: int | None
    connection_id: str
    duration_ms: int | None
    end_user: None | str
    error: ExecutionErrorType0 | None
    finished_at: datetime.datetime | None
    id: str
    output: Any
    pending_input: Any
    provider: str
    requests: list[ExecutionRequestsItem]
    skill: None | str
    started_at: datetime.datetime
    status: ExecutionStatus
    tool_call_id: None | str
    trigger: ExecutionTrigger
    record_incomplete: bool | Unset = UNSET
    warning: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.execution_error_type_0 import ExecutionErrorType0 # noqa: PLC0415
        from ..models.execution_requests_item import ExecutionRequestsItem # noqa: PLC0415
        action = self.action

        agent_id: None | str
        agent_id = self.agent_id

        agent_version: int | None
        agent_version = self.agent_version

        connection_id = self.connection_id

        duration_ms: int | None
        duration_ms = self.duration_ms

        end_user: None | str
        end_user = self.end_user

        error: dict[str, Any] | None
        if isinstance(self.error, ExecutionErrorType0):
            error = self.error.to_dict()
        else:
            error = self.error

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = self.id

        output = self.output

        pending_input = self.pending_input

        provider = self.provider

        requests = []
        for requests_item_data in self.requests:
            requests_item = requests_item_data.to_dict()
            requests.append(requests_item)



        skill: None | str
        skill = self.skill

        started_at = self.started_at.isoformat()

        status = self.status.value

        tool_call_id: None | str
        tool_call_id = self.tool_call_id

        trigger = self.trigger.value

        record_incomplete = self.record_incomplete

        warning = self.warning


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "action": action,
            "agent_id": agent_id,
            "agent_version": agent_version,
            "connection_id": connection_id,
            "duration_ms": duration_ms,
            "end_user": end_user,
            "error": error,
            "finished_at": finished_at,
            "id": id,
            "output": output,
            "pending_input": pending_input,
            "provider": provider,
            "requests": requests,
            "skill": skill,
            "started_at": started_at,
            "status": status,
            "tool_call_id": tool_call_id,
            "trigger": trigger,
        })
        if record_incomplete is not UNSET:
            field_dict["record_incomplete"] = record_incomplete
        if warning is not UNSET:
            field_dict["warning"] = warning

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.execution_error_type_0 import ExecutionErrorType0 # noqa: PLC0415
        from ..models.execution_requests_item import ExecutionRequestsItem # noqa: PLC0415
        d = dict(src_dict)
        action = d.pop("action")

        def _parse_agent_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        agent_id = _parse_agent_id(d.pop("agent_id"))


        def _parse_agent_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        agent_version = _parse_agent_version(d.pop("agent_version"))


        connection_id = d.pop("connection_id")

        def _parse_duration_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        duration_ms = _parse_duration_ms(d.pop("duration_ms"))


        def _parse_end_user(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        end_user = _parse_end_user(d.pop("end_user"))


        def _parse_error(data: object) -> ExecutionErrorType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = ExecutionErrorType0.from_dict(data)



                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExecutionErrorType0 | None, data)

        error = _parse_error(d.pop("error"))


        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)



                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))


        id = d.pop("id")

        output = d.pop("output")

        pending_input = d.pop("pending_input")

        provider = d.pop("provider")

        requests = []
        _requests = d.pop("requests")
        for requests_item_data in (_requests):
            requests_item = ExecutionRequestsItem.from_dict(requests_item_data)



            requests.append(requests_item)


        def _parse_skill(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        skill = _parse_skill(d.pop("skill"))


        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))




        status = ExecutionStatus(d.pop("status"))




        def _parse_tool_call_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tool_call_id = _parse_tool_call_id(d.pop("tool_call_id"))


        trigger = ExecutionTrigger(d.pop("trigger"))




        record_incomplete = d.pop("record_incomplete", UNSET)

        warning = d.pop("warning", UNSET)

        execution = cls(
            action=action,
            agent_id=agent_id,
            agent_version=agent_version,
            connection_id=connection_id,
            duration_ms=duration_ms,
            end_user=end_user,
            error=error,
            finished_at=finished_at,
            id=id,
            output=output,
            pending_input=pending_input,
            provider=provider,
            requests=requests,
            skill=skill,
            started_at=started_at,
            status=status,
            tool_call_id=tool_call_id,
            trigger=trigger,
            record_incomplete=record_incomplete,
            warning=warning,
        )

        return execution

