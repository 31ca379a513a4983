"""Detectors: each reads the lake and returns findings and edges (see ``base``).

Detectors are registered as entry points (``registry``); near-duplicate text matching that
several of them share lives in ``text``.
"""
