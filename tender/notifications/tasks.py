"""Mail delivery as a background job."""
from tender.jobs import app_task


@app_task(retries=2, retry_delay=30)
def send_outbox():
    from tender.notifications.mailer import deliver_pending

    return deliver_pending()
