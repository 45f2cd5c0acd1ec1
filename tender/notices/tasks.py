"""The periodic close of tenders at their bid deadline.

Reads never wait for it (`lifecycle.current_status` treats a tender past its deadline
as closed), so a late or stopped worker changes nothing a user can do; this task
writes the close and its audit entry, so the record says when the tender closed.
"""
from __future__ import annotations

from huey import crontab

from tender.jobs import app_periodic_task


@app_periodic_task(crontab(minute="*"), retries=1, retry_delay=30)
def close_due_tenders():
    from tender.notices.operations import close_due_tenders as close_due
    from tender.unit_of_work import perform

    closed = perform(close_due)
    return [t.reference for t in closed]
