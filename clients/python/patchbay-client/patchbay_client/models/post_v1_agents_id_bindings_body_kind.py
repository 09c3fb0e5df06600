from enum import StrEnum

class PostV1AgentsIdBindingsBodyKind(StrEnum):
    CREATE = "create"
    LIST = "list"
    LOOKUP = "lookup"
    UPDATE = "update"

    def __str__(self) -> str:
        return str(self.value)
