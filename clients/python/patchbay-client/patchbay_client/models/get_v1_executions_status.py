from enum import StrEnum

class GetV1ExecutionsStatus(StrEnum):
    AWAITING_APPROVAL = "awaiting_approval"
    DENIED = "denied"
    FAILED = "failed"
    INTERRUPTED = "interrupted"
    RUNNING = "running"
    SUCCEEDED = "succeeded"

    def __str__(self) -> str:
        return str(self.value)
