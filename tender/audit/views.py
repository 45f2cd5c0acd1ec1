"""The supervisor's view of the audit trail."""
from flask import Blueprint, render_template, request

from tender.audit.forms import AuditFilterForm
from tender.audit.operations import verify_chain
from tender.audit.queries import filtered_entries, object_types
from tender.auth.access import allow
from tender.auth.roles import Role
from tender.extensions import db
from tender.forms import choices

bp = Blueprint("audit", __name__, url_prefix="/audit")


@bp.route("/")
@allow(Role.SUPERVISOR, Role.ADMIN)
def index():
    form = AuditFilterForm(request.args)
    form.object_type.choices = choices([("", "全部")] + [(t, t) for t in object_types()])
    data = form.data if form.validate() else {}
    query = filtered_entries(**{k: data.get(k) for k in ("actor", "action", "object_type", "date_from", "date_to")})
    page = db.paginate(query, per_page=50, error_out=False)
    filters = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("audit/index.html", form=form, page=page, filters=filters)


@bp.route("/verify")
@allow(Role.SUPERVISOR, Role.ADMIN)
def verify():
    return render_template("audit/verify.html", result=verify_chain())
