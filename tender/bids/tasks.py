"""The hourly clean-up of abandoned bid uploads: sealed staging files nobody will complete.

An upload is no part of any bid until it is completed, so deleting one changes no bid;
it frees the disk and leaves no sealed fragments behind after the deadline.
"""
from __future__ import annotations

from huey import crontab

from tender.jobs import JobType, app_periodic_task

# Deletes files only: a few minutes at most, one retry, parses nothing.
CLEAN_UPLOADS = JobType(time_limit=300, retries=1, memory_mb=None, parse_seconds=None)


@app_periodic_task(crontab(minute="17"), CLEAN_UPLOADS, retry_delay=60)
def clean_stale_bid_uploads():
    from tender.bids.uploads import clean_stale_uploads
    from tender.unit_of_work import perform

    return perform(clean_stale_uploads)
