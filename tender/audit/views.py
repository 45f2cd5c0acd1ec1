"""The supervisor's view of the audit trail, its verification and the chain-head checkpoints."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tender.audit.checkpoints import Checkpoint, checkpoint_path, compare_checkpoints, head, record_checkpoint
from tender.audit.forms import AuditFilterForm, CheckpointCompareForm
from tender.audit.operations import verify_chain
from tender.audit.queries import filtered_entries, object_types
from tender.audit.rows import row_differences
from tender.auth.access import allow
from tender.auth.roles import AUDITORS, Role
from tender.forms import choices
from tender.unit_of_work import perform
from tender.web import paginate

bp = Blueprint("audit", __name__, url_prefix="/audit")


@bp.route("/")
@allow(*AUDITORS)
def index():
    form = AuditFilterForm(request.args)
    form.object_type.choices = choices([("", "全部")] + [(t, t) for t in object_types()])
    form.validate()
    data = {field.name: field.data for field in form if not field.errors}  # a bad filter is shown, not applied
    for message in (m for errors in form.errors.values() for m in errors):
        flash(message, "warning")
    query = filtered_entries(**{k: data.get(k) for k in ("actor", "action", "object_type", "date_from", "date_to")})
    page = paginate(query, per_page=50)
    filters = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("audit/index.html", form=form, page=page, filters=filters)


@bp.route("/verify")
@allow(*AUDITORS)
def verify():
    rows = row_differences() if request.args.get("rows") else None
    form, looked_up = CheckpointCompareForm(request.args), None
    if "seq" in request.args and form.validate():
        kept = Checkpoint(seq=form.seq.data, hash=form.digest.data.strip().lower(), at="", by="", source="")
        looked_up = compare_checkpoints([kept])[0]
    return render_template("audit/verify.html", result=verify_chain(), checks=compare_checkpoints(), head=head(),
                           rows=rows, checkpoint_file=checkpoint_path(), form=form, looked_up=looked_up,
                           can_record=current_user.role is Role.SUPERVISOR)


# Only the supervisor: checkpoints are the supervisor's own evidence, kept apart from the
# administrator, who is the person best placed to alter the database.
@bp.post("/checkpoints")
@allow(Role.SUPERVISOR)
def checkpoint():
    saved = perform(record_checkpoint, current_user, source="web")
    flash(f"已记录检查点：第 {saved.seq} 条记录，哈希 {saved.hash}。请另行保存一份。", "success")
    return redirect(url_for("audit.verify"))
