from enum import StrEnum

class WebhookDeliveryDetailStatus(StrEnum):
    DEAD = "dead"
    DELIVERING = "delivering"
    PENDING = "pending"
    SUCCEEDED = "succeeded"

    def __str__(self) -> str:
        return str(self.value)
