"""The expert pool (staff), an expert's 评标任务 and relations, a tender's draw, its replay and the declarations."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from tender.auth.access import allow
from tender.auth.models import User
from tender.auth.roles import OVERSEERS, STAFF_ROLES, Role
from tender.committee import operations as ops
from tender.committee.forms import ChairForm, DeclareForm, DrawForm, ProfileForm, RelationForm
from tender.committee.models import CommitteeDraw, ConflictDeclaration, ExpertRelation
from tender.committee.permissions import committee_visible_to
from tender.extensions import db
from tender.forms_util import attempt, posted
from tender.notices.models import Tender

bp = Blueprint("committee", __name__, url_prefix="/committee")


@bp.route("/experts")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def experts():
    users = db.session.scalars(sa.select(User).where(User.role == Role.EXPERT).order_by(User.id)).all()
    return render_template("committee/experts.html", users=users, profiles={u.id: ops.profile_of(u) for u in users})


@bp.route("/experts/<int:user_id>", methods=["GET", "POST"])
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def expert(user_id: int):
    user = db.get_or_404(User, user_id)
    if user.role is not Role.EXPERT:
        abort(404)
    profile = ops.profile_of(user)
    form = ProfileForm(obj=profile)
    if form.validate_on_submit() and attempt(ops.save_expert_profile, user, current_user, form.specialty.data,
                                             form.organisation.data, form.external.data, form.in_pool.data,
                                             form=form, success="专家信息已保存。").ok:
        return redirect(url_for("committee.expert", user_id=user.id))
    return render_template("committee/expert.html", user=user, profile=profile, form=form,
                           relation_form=RelationForm())


@bp.route("/experts/<int:user_id>/relations", methods=["POST"])
@allow(*STAFF_ROLES, Role.EXPERT)
def add_relation(user_id: int):
    user = db.get_or_404(User, user_id)
    profile = ops.profile_of(user)
    if profile is None or (current_user.role is Role.EXPERT and current_user.id != user.id):
        abort(404)
    form = RelationForm()
    if posted(form):
        attempt(ops.add_expert_relation, profile, current_user, form.company_name.data, form.relation.data,
                success="关联关系已申报。")
    return _back_to(user)


@bp.route("/relations/<int:relation_id>/remove", methods=["POST"])
@allow(*STAFF_ROLES, Role.EXPERT)
def remove_relation(relation_id: int):
    item = db.get_or_404(ExpertRelation, relation_id)
    if current_user.role is Role.EXPERT and item.profile.user_id != current_user.id:
        abort(404)
    user = item.profile.user
    attempt(ops.remove_expert_relation, item, current_user, success="关联关系已删除。")
    return _back_to(user)


def _back_to(user: User):
    if current_user.role is Role.EXPERT:
        return redirect(url_for("committee.mine"))
    return redirect(url_for("committee.expert", user_id=user.id))


@bp.route("/mine")
@allow(Role.EXPERT)
def mine():
    draws = db.session.scalars(sa.select(CommitteeDraw).order_by(CommitteeDraw.id.desc())).all()
    tasks = [d for d in draws if current_user.id in d.member_ids()]
    return render_template("committee/mine.html", tasks=tasks, profile=ops.profile_of(current_user),
                           declared={d.tender_id: ops.declaration_of(d.tender, current_user) for d in tasks},
                           relation_form=RelationForm())


@bp.route("/tenders/<int:tender_id>", methods=["GET", "POST"])
@allow(*STAFF_ROLES, read=(Role.SUPERVISOR, Role.EXPERT))
def tender(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    if not committee_visible_to(tender, current_user):
        abort(404)
    form = DrawForm()
    if form.validate_on_submit() and attempt(ops.draw_tender_committee, tender, current_user, form.size.data,
                                             form.representatives.data, form.reserve_count.data, form=form,
                                             success="评标委员会已抽取，随机种子和抽取记录已保存。").ok:
        return redirect(url_for("committee.tender", tender_id=tender.id))
    draw = ops.draw_of(tender)
    declarations = {d.expert_id: d for d in _declarations(tender)}
    return render_template("committee/tender.html", tender=tender, draw=draw, form=form,
                           declarations=declarations, rule=ops.rule_name(tender),
                           chair_form=_chair_form(draw, declarations))


def _chair_form(draw, declarations) -> ChairForm:
    form = ChairForm()
    cleared = [int(m) for m in (draw.members if draw else []) if (d := declarations.get(int(m))) and not d.conflict]
    form.expert.choices = [(m, draw.name_of(str(m))) for m in cleared]
    return form


@bp.route("/tenders/<int:tender_id>/chair", methods=["POST"])
@allow(*STAFF_ROLES)
def chair(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    draw = ops.draw_of(tender) or abort(404)
    form = _chair_form(draw, {d.expert_id: d for d in _declarations(tender)})
    if posted(form):
        attempt(ops.appoint_chair, draw, current_user, form.expert.data, success="评标委员会负责人已确定。")
    return redirect(url_for("committee.tender", tender_id=tender.id))


def _declarations(tender):
    return db.session.scalars(sa.select(ConflictDeclaration).where(ConflictDeclaration.tender_id == tender.id))


@bp.route("/tenders/<int:tender_id>/verify", methods=["POST"])
@allow(*OVERSEERS)
def verify(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    draw = ops.draw_of(tender)
    if draw is None:
        abort(404)
    done = attempt(ops.verify_tender_committee, draw, current_user)
    if done.ok and done.value:
        flash("复核一致：按记录的随机种子和专家库快照重新抽取，结果与记录的评标委员会完全相同。", "success")
    elif done.ok:
        flash("复核不一致：重新抽取的结果与记录不同，请报告监督人员。", "danger")
    return redirect(url_for("committee.tender", tender_id=tender.id))


@bp.route("/tenders/<int:tender_id>/declare", methods=["GET", "POST"])
@allow(Role.EXPERT)
def declare(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    draw = ops.draw_of(tender)
    if draw is None or current_user.id not in draw.member_ids():
        abort(404)
    form = DeclareForm()
    if form.validate_on_submit() and attempt(ops.declare_conflict, tender, current_user, form.conflict.data == 1,
                                             form.company_name.data, form.reason.data, form=form,
                                             success="利害关系声明已签署。").ok:
        return redirect(url_for("committee.mine"))
    return render_template("committee/declare.html", tender=tender, form=form,
                           declaration=ops.declaration_of(tender, current_user), no_conflict=ops.NO_CONFLICT)
