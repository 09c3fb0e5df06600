from enum import StrEnum

class WebhookEndpointStatus(StrEnum):
    ACTIVE = "active"
    DELETED = "deleted"
    DISABLED = "disabled"

    def __str__(self) -> str:
        return str(self.value)
