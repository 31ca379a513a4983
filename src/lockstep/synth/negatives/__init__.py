"""Hard negatives: what the seeds say is NOT a violation, made as hard to tell apart as we can.

Each group is labelled in the truth with role ``hard_negative`` and its kind, so evaluation
reports how often a detector flags it. :data:`NEGATIVES` pairs each kind with the weight of
its count (more groups in larger worlds).
"""

from __future__ import annotations

from lockstep.synth.negatives.crowd import FanSwarm, OrganicActivism, ViralSharing
from lockstep.synth.negatives.identities import BranchAccounts, HobbyBot, NewsLinks, PersonalHobby
from lockstep.synth.negatives.signups import CampusClass, Namesakes, OrganicRename, SignupWave
from lockstep.synth.plant import Group

NEGATIVES: tuple[tuple[type[Group], float], ...] = (
    (OrganicActivism, 0.4),
    (FanSwarm, 0.4),
    (BranchAccounts, 0.5),
    (HobbyBot, 1.5),
    (NewsLinks, 1.0),
    (PersonalHobby, 1.5),
    (ViralSharing, 0.4),
    (SignupWave, 0.3),
    (CampusClass, 0.5),
    (Namesakes, 1.0),
    (OrganicRename, 1.0),
)
