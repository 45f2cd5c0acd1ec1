"""The hourly clean-up of abandoned bid uploads: sealed staging files nobody will complete.

An upload is no part of any bid until it is completed, so deleting one changes no bid;
it frees the disk and leaves no sealed fragments behind after the deadline.
"""
from __future__ import annotations

from huey import crontab

from tender.jobs import app_periodic_task


@app_periodic_task(crontab(minute="17"), retries=1, retry_delay=60)
def clean_stale_bid_uploads():
    from tender.bids.uploads import clean_stale_uploads
    from tender.unit_of_work import perform

    return perform(clean_stale_uploads)
