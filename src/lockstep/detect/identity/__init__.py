"""Identity signals shared by the detectors that compare accounts with each other.

Impersonation, overlapping accounts and recidivism all ask the same two questions: do two
names *look* the same to a person (``names``: visual skeletons of handles and display names,
and edit-distance matching against a small reference set), and are two images the same
picture (``phash``: Hamming distance between perceptual hashes, with banded blocking so that
not every pair is compared).
"""
