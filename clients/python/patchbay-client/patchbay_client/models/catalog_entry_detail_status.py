from enum import StrEnum

class CatalogEntryDetailStatus(StrEnum):
    AVAILABLE = "available"
    CONNECTED = "connected"

    def __str__(self) -> str:
        return str(self.value)
