from enum import StrEnum

class GetV1PluginsResponse200DataItemStatus(StrEnum):
    DISABLED = "disabled"
    ENABLED = "enabled"

    def __str__(self) -> str:
        return str(self.value)
