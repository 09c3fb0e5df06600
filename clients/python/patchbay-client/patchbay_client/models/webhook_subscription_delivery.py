from enum import StrEnum

class WebhookSubscriptionDelivery(StrEnum):
    PULL = "pull"
    PUSH = "push"

    def __str__(self) -> str:
        return str(self.value)
