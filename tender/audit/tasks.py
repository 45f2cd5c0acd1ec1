"""The daily mail of the audit chain head to the supervisors, as a periodic Huey task.

The worker imports this module through `tender.jobs.TASK_MODULES`; its consumer
runs periodic tasks. Huey's crontab is in UTC: 00:00 UTC is 08:00 in Beijing.
"""
from __future__ import annotations

import functools

from huey import crontab

from tender import jobs


def _in_app(fn):
    """Like `jobs.app_task`, which wraps only ordinary tasks: run inside the app's context."""
    @functools.wraps(fn)
    def run(*args, **kwargs):
        from flask import has_app_context

        if has_app_context():
            return fn(*args, **kwargs)
        with jobs._app.app_context():
            return fn(*args, **kwargs)

    return run


@jobs.huey.periodic_task(crontab(minute="0", hour="0"), retries=2, retry_delay=300)
@_in_app
def mail_audit_head():
    from tender.audit.checkpoints import mail_chain_head
    from tender.web import perform

    checkpoint = perform(mail_chain_head)
    return {"seq": checkpoint.seq, "hash": checkpoint.hash}
