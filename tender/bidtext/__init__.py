"""The text of every bid file after the opening: background extraction, pages, page images and the staff page.

Nothing here runs before the opening: the jobs start from `unseal_tender`'s success path
(`operations.start_bid_extraction`), and every page checks `Bid.can_read` (staff, admins
and the supervisor, after the opening; experts are not yet let in).

For copy detection (the next issue): a READY `BidDocument` already holds everything
`scoring.similarity.prepare` needs, the pages' text (joined by "\\f") and their start
offsets, so a SimilarityDocument of kind BID should be built from those rows rather than
by storing the decrypted file in plain and extracting it a second time; that is not done
here, since SimilarityDocument requires a stored plain file today.
"""
