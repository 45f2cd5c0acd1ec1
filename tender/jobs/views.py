"""Job progress: a page with a progress bar and the JSON it polls."""
from flask import Blueprint, abort, jsonify, render_template
from flask_login import current_user

from tender.auth.access import signed_in
from tender.extensions import db
from tender.jobs.models import JobRecord

bp = Blueprint("jobs", __name__, url_prefix="/jobs")


def _job(job_id: int) -> JobRecord:
    job = db.get_or_404(JobRecord, job_id)
    if not job.can_view(current_user):
        abort(404)
    return job


@bp.route("/<int:job_id>")
@signed_in
def show(job_id: int):
    return render_template("jobs/show.html", job=_job(job_id))


@bp.route("/<int:job_id>.json")
@signed_in
def status(job_id: int):
    return jsonify(_job(job_id).as_json())
