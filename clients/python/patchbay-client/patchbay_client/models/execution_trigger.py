from enum import StrEnum

class ExecutionTrigger(StrEnum):
    API = "api"
    MCP = "mcp"
    SKILL = "skill"

    def __str__(self) -> str:
        return str(self.value)
