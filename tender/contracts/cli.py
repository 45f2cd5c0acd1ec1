"""`flask --app tender contracts ...`: draft a tender's contract, and write it out as .docx or .pdf.

    flask --app tender contracts draft TENDER_ID --by staff@example.cn --start 2027-07-01 --months 36
    flask --app tender contracts render TENDER_ID -o FILE.docx     (or FILE.pdf; --version N for an older one)

`render` writes the stored .docx of the tender's latest contract version (the document as drafted,
byte for byte), or its PDF through LibreOffice. Errors go to stderr in Chinese with exit status 1.
"""
from __future__ import annotations

from pathlib import Path

import click
import sqlalchemy as sa
from flask.cli import AppGroup

contracts_cli = AppGroup("contracts", help="合同工具 (contract tools)")


def _fail(message: str):
    click.echo(message, err=True)
    raise SystemExit(1)


@contracts_cli.command("render")
@click.argument("tender_id", type=int)
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="FILE.docx or FILE.pdf")
@click.option("--version", "version", type=int, default=None, help="a contract version (default: the latest)")
def render_command(tender_id: int, output: Path, version: int | None):
    """Write the tender's contract to FILE.docx or FILE.pdf."""
    from tender.contracts.models import Contract
    from tender.contracts.render import docx_to_pdf
    from tender.errors import DomainError
    from tender.extensions import db

    suffix = output.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        _fail("输出文件须以 .docx 或 .pdf 结尾。")
    query = sa.select(Contract).where(Contract.tender_id == tender_id)
    query = query.where(Contract.version == version) if version else query.order_by(Contract.version.desc())
    contract = db.session.scalars(query.limit(1)).first()
    if contract is None:
        which = f"第 {version} 版" if version else ""
        _fail(f"项目 {tender_id} 还没有{which}合同，请先用 contracts draft 生成。")
    data = contract.path.read_bytes()
    if suffix == ".pdf":
        try:
            data = docx_to_pdf(data)
        except DomainError as e:
            _fail(e.message)
    output.write_bytes(data)
    click.echo(f"{output}: 合同 {contract.reference} 第 {contract.version} 版（{contract.status.label}），"
               f"{len(data):,} 字节")


@contracts_cli.command("draft")
@click.argument("tender_id", type=int)
@click.option("--by", "email", required=True, help="the staff member drafting it (e-mail)")
@click.option("--start", "start", required=True, type=click.DateTime(formats=["%Y-%m-%d"]), help="term start")
@click.option("--months", type=int, required=True, help="term in months")
@click.option("--regime", type=click.Choice(["包干制", "酬金制"]), default="包干制")
@click.option("--remuneration", default="", help="酬金制: the company's 酬金 as agreed")
@click.option("--template", "template_id", type=int, default=None, help="a staff template (default: the project's)")
def draft_command(tender_id: int, email: str, start, months: int, regime: str, remuneration: str,
                  template_id: int | None):
    """Draft a new version of the tender's contract with the awarded winner and its confirmed commitments."""
    from tender.auth.models import User
    from tender.contracts.context import FeeRegime
    from tender.contracts.models import ContractTemplate
    from tender.contracts.operations import draft_contract
    from tender.errors import DomainError
    from tender.extensions import db
    from tender.notices.models import Tender
    from tender.unit_of_work import perform

    tender = db.session.get(Tender, tender_id)
    actor = db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == email.strip().lower()))
    template = db.session.get(ContractTemplate, template_id) if template_id else None
    if tender is None or actor is None or (template_id and template is None):
        _fail("项目、用户或模板不存在。")
    regime_member = next(r for r in FeeRegime if r.label == regime)
    try:
        contract = perform(draft_contract, tender, actor, fee_regime=regime_member, term_start=start.date(),
                           term_months=months, remuneration=remuneration, template=template)
    except DomainError as e:
        _fail(e.message)
    click.echo(f"已生成合同 {contract.reference} 第 {contract.version} 版（{len(contract.commitments)} 项承诺）。")
