from enum import StrEnum

class GetV1PluginsResponse200DataItemIsolation(StrEnum):
    IN_PROCESS = "in_process"
    PROCESS = "process"

    def __str__(self) -> str:
        return str(self.value)
