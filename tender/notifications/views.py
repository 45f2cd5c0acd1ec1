"""The inbox every user has, and the outbox staff can read."""
import sqlalchemy as sa
from flask import Blueprint, abort, render_template
from flask_login import current_user

from tender.auth.access import allow, signed_in
from tender.auth.roles import STAFF_ROLES, Role
from tender.extensions import db
from tender.notifications.models import Message, OutboxMail
from tender.notifications.operations import mark_read
from tender.notifications.queries import inbox
from tender.unit_of_work import perform
from tender.web import paginate

bp = Blueprint("notifications", __name__, url_prefix="/inbox")


@bp.route("/")
@signed_in
def index():
    page = paginate(inbox(current_user), per_page=30)
    return render_template("notifications/inbox.html", page=page)


@bp.route("/<int:message_id>")
@signed_in
def show(message_id: int):
    message = db.get_or_404(Message, message_id)
    if message.user_id != current_user.id:
        abort(404)
    perform(mark_read, message)
    return render_template("notifications/message.html", message=message)


@bp.route("/outbox")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def outbox():
    query = sa.select(OutboxMail).order_by(OutboxMail.id.desc())
    page = paginate(query, per_page=50)
    return render_template("notifications/outbox.html", page=page)
