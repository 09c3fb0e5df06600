from enum import StrEnum

class GetV1ExecutionsTrigger(StrEnum):
    API = "api"
    MCP = "mcp"
    SKILL = "skill"

    def __str__(self) -> str:
        return str(self.value)
