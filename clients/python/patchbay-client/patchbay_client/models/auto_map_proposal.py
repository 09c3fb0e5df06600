from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.auto_map_proposal_alternatives_item import AutoMapProposalAlternativesItem
  from ..models.auto_map_proposal_suggested_presets_item import AutoMapProposalSuggestedPresetsItem
  from ..models.skill import Skill





T = TypeVar("T", bound="AutoMapProposal")



@_attrs_define
class AutoMapProposal:
    """ 
        Attributes:
            alternatives (list[AutoMapProposalAlternativesItem]):
            reasoning (list[str]):
            score (float):
            skill (Skill):
            suggested_presets (list[AutoMapProposalSuggestedPresetsItem]):
     """

    alternatives: list[AutoMapProposalAlternativesItem]
    reasoning: list[str]
    score: float
    skill: Skill
    suggested_presets: list[AutoMapProposalSuggestedPresetsItem]





    def to_dict(self) -> dict[str, Any]:
        from ..models.auto_map_proposal_alternatives_item import AutoMapProposalAlternativesItem # noqa: PLC0415
        from ..models.auto_map_proposal_suggested_presets_item import AutoMapProposalSuggestedPresetsItem # noqa: PLC0415
        from ..models.skill import Skill # noqa: PLC0415
        alternatives = []
        for alternatives_item_data in self.alternatives:
            alternatives_item = alternatives_item_data.to_dict()
            alternatives.append(alternatives_item)



        reasoning = self.reasoning



        score = self.score

        skill = self.skill.to_dict()

        suggested_presets = []
        for suggested_presets_item_data in self.suggested_presets:
            suggested_presets_item = suggested_presets_item_data.to_dict()
            suggested_presets.append(suggested_presets_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "alternatives": alternatives,
            "reasoning": reasoning,
            "score": score,
            "skill": skill,
            "suggested_presets": suggested_presets,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.auto_map_proposal_alternatives_item import AutoMapProposalAlternativesItem # noqa: PLC0415
        from ..models.auto_map_proposal_suggested_presets_item import AutoMapProposalSuggestedPresetsItem # noqa: PLC0415
        from ..models.skill import Skill # noqa: PLC0415
        d = dict(src_dict)
        alternatives = []
        _alternatives = d.pop("alternatives")
        for alternatives_item_data in (_alternatives):
            alternatives_item = AutoMapProposalAlternativesItem.from_dict(alternatives_item_data)



            alternatives.append(alternatives_item)


        reasoning = cast(list[str], d.pop("reasoning"))


        score = d.pop("score")

        skill = Skill.from_dict(d.pop("skill"))




        suggested_presets = []
        _suggested_presets = d.pop("suggested_presets")
        for suggested_presets_item_data in (_suggested_presets):
            suggested_presets_item = AutoMapProposalSuggestedPresetsItem.from_dict(suggested_presets_item_data)



            suggested_presets.append(suggested_presets_item)


        auto_map_proposal = cls(
            alternatives=alternatives,
            reasoning=reasoning,
            score=score,
            skill=skill,
            suggested_presets=suggested_presets,
        )

        return auto_map_proposal

