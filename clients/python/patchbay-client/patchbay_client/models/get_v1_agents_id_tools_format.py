from enum import StrEnum

class GetV1AgentsIdToolsFormat(StrEnum):
    ANTHROPIC = "anthropic"
    OPENAI = "openai"

    def __str__(self) -> str:
        return str(self.value)
