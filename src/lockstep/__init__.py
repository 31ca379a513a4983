"""Lockstep finds and stops platform manipulation: spam, artificial engagement and
coordinated inauthentic behaviour."""

__version__ = "0.1.0"
