"""Hand-offs: what the store answers, written for other tools and for people.

`selection` picks the records a set of filters names, as the listings do; each other module
writes one format from a `Selection`.
"""
