from enum import StrEnum

class PostV1WebhooksSubscriptionsBodyDelivery(StrEnum):
    PULL = "pull"
    PUSH = "push"

    def __str__(self) -> str:
        return str(self.value)
