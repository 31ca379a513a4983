"""Enforcement: the policy catalogue, the ladder of seeds 000/001, decisions and appeals.

Detectors never act. This package turns their findings (and the networks stage's networks)
into decisions under the catalogue, and records them as events in the ledger
(``lockstep.ledger``), where reversals, challenge outcomes, user reports and appeals are
further events.
"""
