"""The daily mail of the audit chain head to the supervisors, as a periodic Huey task.

The worker finds this module by its name (`tender.jobs.task_modules`); its consumer
runs periodic tasks. Huey's crontab is in UTC: 00:00 UTC is 08:00 in Beijing.
"""
from __future__ import annotations

from huey import crontab

from tender.jobs import app_periodic_task


@app_periodic_task(crontab(minute="0", hour="0"), retries=2, retry_delay=300)
def mail_audit_head():
    from tender.audit.checkpoints import mail_chain_head
    from tender.unit_of_work import perform

    checkpoint = perform(mail_chain_head)
    return {"seq": checkpoint.seq, "hash": checkpoint.hash}
