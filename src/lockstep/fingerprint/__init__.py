"""Fingerprints of disrupted networks and suspended accounts, kept so their return is caught.

Seed 002 reports every month the accounts "associated with previously disrupted networks
attempting to re-establish their presence"; seed 001 makes "creating accounts to replace or
mimic a suspended account" a severe violation. Both need a memory that outlives the data a
takedown was decided on: a later run sees new accounts in new data, without the old lake.

A *fingerprint* is that memory. When a run decides on a network (or suspends an account), the
engine reduces the accounts' activity in the run's lake to what an operator tends to carry
into its next accounts (``build``): the texts it kept repeating, the links, domains and
hashtags it pushed, its media and avatars, its members' handles, names and bios and the shapes
of their handles, the devices and address prefixes it worked from, the hours it was active,
its languages and the accounts it targeted. Every shared value carries how many members used it
and how many *other* accounts of that data did, so a popular domain or a carrier-grade NAT
prefix is known to say nothing about who is behind an account. The fingerprint is recorded in
the ledger as a ``fingerprint`` event (``ledger``) and used while the decision on its subject
is in effect; the ``coord.recidivism`` detector matches new accounts against it.
"""

from lockstep.fingerprint.model import Fingerprint, Member, Text, Value

__all__ = ["Fingerprint", "Member", "Text", "Value"]
