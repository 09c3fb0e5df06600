from enum import StrEnum

class PostV1ExecutionsIdContinueBodyDecision(StrEnum):
    APPROVE = "approve"
    DENY = "deny"

    def __str__(self) -> str:
        return str(self.value)
