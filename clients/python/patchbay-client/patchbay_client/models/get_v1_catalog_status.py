from enum import StrEnum

class GetV1CatalogStatus(StrEnum):
    AVAILABLE = "available"
    CONNECTED = "connected"

    def __str__(self) -> str:
        return str(self.value)
