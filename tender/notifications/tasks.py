"""Mail delivery as a background job."""
from tender.jobs import JobType, app_task

# SMTP answers in seconds; a server that is down is tried again twice, 30 s apart.
MAIL = JobType(time_limit=300, retries=2, memory_mb=None, parse_seconds=None)


@app_task(MAIL, retry_delay=30)
def send_outbox():
    from tender.notifications.mailer import deliver_pending

    return deliver_pending()
