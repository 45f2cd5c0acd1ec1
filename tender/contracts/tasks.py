"""Background job of the contracts: one version's .docx converted to PDF by LibreOffice."""
from __future__ import annotations

from tender.contracts.models import Contract
from tender.extensions import db
from tender.jobs import tracked_task
from tender.jobs.exports import PDF_EXPORT, finish_pdf_export
from tender.jobs.operations import report
from tender.links import path_for


# LibreOffice with its own profile per conversion (render.PDF_TIMEOUT stops it); the .docx is the system's own.
@tracked_task(PDF_EXPORT)
def contract_pdf_task(job_id: int, contract_id: int):
    from tender.contracts.render import docx_to_pdf

    contract = db.session.get(Contract, contract_id)
    report(job_id, 20, "LibreOffice 转换 PDF")

    def attach(saved):
        contract.pdf_key, contract.pdf_sha256 = saved.storage_key, saved.sha256

    finish_pdf_export(job_id, contract, docx_to_pdf(contract.path.read_bytes()),
                      f"{contract.reference}-v{contract.version}.pdf", attach, action="contract.pdf",
                      summary=f"导出合同第 {contract.version} 版 PDF：{contract.tender.title}",
                      result_url=path_for("contracts.pdf", tender_id=contract.tender_id, contract_id=contract.id))
