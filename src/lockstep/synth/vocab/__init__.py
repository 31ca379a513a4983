"""Small hand-written vocabularies the synthetic world draws from.

Everything here is plain data (tuples of strings and numbers): languages, countries, names,
phrase pools, domains. The generators index into these pools with NumPy, so the pools stay small
while the combinations stay many. Words are real words in their own scripts, so detectors that
normalise, tokenise or compare text meet the same problems they meet on real platforms.
"""
