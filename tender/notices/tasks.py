"""The periodic close of tenders at their bid deadline.

Reads never wait for it (`lifecycle.current_status` treats a tender past its deadline
as closed), so a late or stopped worker changes nothing a user can do; this task
writes the close and its audit entry, so the record says when the tender closed.
"""
from __future__ import annotations

from huey import crontab

from tender.jobs import JobType, app_periodic_task

# Runs every minute: it must end well before the next run, and one retry is enough.
CLOSE_DUE = JobType(time_limit=50, retries=1, memory_mb=None, parse_seconds=None)


@app_periodic_task(crontab(minute="*"), CLOSE_DUE, retry_delay=30)
def close_due_tenders():
    from tender.notices.operations import close_due_tenders as close_due
    from tender.unit_of_work import perform

    closed = perform(close_due)
    return [t.reference for t in closed]
