from enum import StrEnum

class PostV1McpConnectionsBodyAuthType(StrEnum):
    BEARER = "bearer"
    NONE = "none"
    OAUTH2 = "oauth2"

    def __str__(self) -> str:
        return str(self.value)
