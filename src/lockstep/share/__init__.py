"""Sharing with peers (seed 003): STIX 2.1 bundles of disrupted networks, importing and acting
on peers' bundles, feedback on their indicators, and TAXII 2.1 transport.

- :mod:`lockstep.share.export` turns one network (from a run or the ledger) and the lake's
  evidence into a deterministic, validated STIX 2.1 bundle;
- :mod:`lockstep.share.peer` reads a peer's bundle into indicators Lockstep can match;
- :mod:`lockstep.share.match` matches them against the lake in the engine;
- :mod:`lockstep.share.importer` opens external network cases through the enforcement engine
  and records the provenance in the ledger;
- :mod:`lockstep.share.taxii` publishes to and pulls from a TAXII 2.1 collection.
"""
