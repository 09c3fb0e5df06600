from enum import StrEnum

class PostV1AgentsIdSkillsBodyType(StrEnum):
    ACTION = "action"
    HTTP_WEBHOOK = "http_webhook"

    def __str__(self) -> str:
        return str(self.value)
