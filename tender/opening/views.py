"""The officer's key page (开标密钥) and the opening page where officers enter their passphrases."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from tender.auth.access import allow
from tender.auth.roles import OPENERS, Role
from tender.extensions import db, limiter
from tender.forms_util import attempt
from tender.notices.models import Tender
from tender.opening import officer_keys as key_ops
from tender.opening import operations as ops
from tender.opening import record as opening_record
from tender.opening.forms import ChangePassphraseForm, OfficerKeyForm, ResetKeyForm, UnsealForm
from tender.opening.models import OfficerShare, TenderSeal

bp = Blueprint("opening", __name__, url_prefix="/opening")


def _passphrase_limit() -> str:
    return current_app.config["PASSPHRASE_RATE_LIMIT"]


def _key_page(setup=None, change=None, reset=None):
    key = key_ops.current_key(current_user)
    seals = db.session.scalars(sa.select(TenderSeal).join(OfficerShare)
                               .where(OfficerShare.officer_id == current_user.id)
                               .order_by(TenderSeal.created_at.desc())).all()
    return render_template("opening/key.html", key=key, seals=seals, fingerprint=key_ops.fingerprint,
                           at_risk=key_ops.affected_seals(key) if key else [],
                           setup_form=setup or OfficerKeyForm(), change_form=change or ChangePassphraseForm(),
                           reset_form=reset or ResetKeyForm())


def _key_form(form, slot: str, operation, *args, success: str):
    """The three key forms: act on the officer's own key, then back to the key page; or that page with the errors."""
    if form.validate_on_submit() and attempt(operation, current_user, *args, form=form, success=success).ok:
        return redirect(url_for("opening.key"))
    return _key_page(**{slot: form})


@bp.route("/key", methods=["GET", "POST"])
@allow(*OPENERS)
def key():
    form = OfficerKeyForm()
    return _key_form(form, "setup", key_ops.set_up_officer_key, form.passphrase.data,
                     success="开标密钥已设置。请牢记开标口令：系统不保存口令，遗失后无法找回。")


@bp.route("/key/change", methods=["POST"])
@allow(*OPENERS)
@limiter.limit(_passphrase_limit)
def change():
    form = ChangePassphraseForm()
    return _key_form(form, "change", key_ops.change_officer_passphrase, form.current_passphrase.data,
                     form.new_passphrase.data, success="开标口令已修改，已有的密钥份额仍然有效。")


@bp.route("/key/reset", methods=["POST"])
@allow(*OPENERS)
def reset():
    form = ResetKeyForm()
    return _key_form(form, "reset", key_ops.reset_officer_key, form.passphrase.data,
                     success="已生成新的开标密钥。原密钥持有的未开标项目份额已失效。")


def _too_few(tender) -> str | None:
    """After the deadline, before any opening: why there will be none (fewer than three bids)."""
    if tender.opening_record is not None or tender.accepts_bids():
        return None
    return opening_record.too_few_bids(tender)


@bp.route("/tenders/<int:tender_id>", methods=["GET", "POST"])
@allow(*OPENERS, read=Role.SUPERVISOR)
@limiter.limit(_passphrase_limit, methods=["POST"])
def tender(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    seal = tender.seal
    form = UnsealForm()
    if seal is not None and form.validate_on_submit():
        done = attempt(ops.unseal_tender, tender, current_user, {current_user: form.passphrase.data})
        result = done.value
        for problem in result.problems if result else ():
            flash(problem, "danger")
        if result and result.opened:
            flash("投标文件已解封，开标完成。", "success")
        elif result and not result.problems:
            flash(f"您的密钥份额已提交（{result.presented}/{result.needed}），请等待其他开标人。", "success")
        return redirect(url_for("opening.tender", tender_id=tender.id))
    state = ops.ceremony(seal) if seal is not None and seal.wrapped_key is not None else None
    return render_template("opening/tender.html", tender=tender, seal=seal, state=state, form=form,
                           mine=state.state_of(current_user) if state else None,
                           too_few=_too_few(tender), failed=opening_record.has_failed(tender))


from tender.opening import record_views  # noqa: E402,F401  (the record's routes, on this blueprint)
