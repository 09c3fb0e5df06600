from enum import StrEnum

class APIKeyScopesItem(StrEnum):
    ADMIN = "admin"
    INTEGRATIONSREAD = "integrations:read"
    INTEGRATIONSWRITE = "integrations:write"
    METRICS = "metrics"
    SKILLSINVOKE = "skills:invoke"
    SKILLSWRITE = "skills:write"

    def __str__(self) -> str:
        return str(self.value)
