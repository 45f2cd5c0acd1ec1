"""The text of every bid file after the opening: background extraction, pages, page images and the staff page.

Nothing here runs before the opening: the jobs start from `unseal_tender`'s success path
(`operations.start_bid_extraction`), and every page checks `Bid.can_read`.
"""
