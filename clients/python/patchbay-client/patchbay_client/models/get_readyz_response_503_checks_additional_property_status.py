from enum import StrEnum

class GetReadyzResponse503ChecksAdditionalPropertyStatus(StrEnum):
    FAILING = "failing"
    OK = "ok"

    def __str__(self) -> str:
        return str(self.value)
