"""A tender's scoring method (评标办法): chosen from a template and edited by staff, published with the tender.

After publication it changes only through an amendment, announced like a clarification.
"""
