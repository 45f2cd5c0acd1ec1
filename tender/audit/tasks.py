"""The daily mail of the audit chain head to the supervisors, as a periodic Huey task.

The worker finds this module by its name (`tender.jobs.task_modules`); its consumer
runs periodic tasks. Huey's crontab is in UTC: 00:00 UTC is 08:00 in Beijing.
"""
from __future__ import annotations

from huey import crontab

from tender.jobs import JobType, app_periodic_task

# One mail a day: retried twice, five minutes apart, if the mail server is down at midnight.
CHECKPOINT_MAIL = JobType(time_limit=300, retries=2, memory_mb=None, parse_seconds=None)


@app_periodic_task(crontab(minute="0", hour="0"), CHECKPOINT_MAIL, retry_delay=300)
def mail_audit_head():
    from tender.audit.checkpoints import mail_chain_head
    from tender.unit_of_work import perform

    checkpoint = perform(mail_chain_head)
    return {"seq": checkpoint.seq, "hash": checkpoint.hash}
