"""Job records name their subject generically; the comparison PDF is a stored file of its own

Comparisons had one column per job (job_id, pdf_job_id) and the PDF's storage key;
a job now records the table and id it works on, so any record can list its jobs, and
the exported PDF is a row with the same stored-file columns as every other file.
Existing links and PDFs are carried over.

Revision ID: job_subjects_report_files
Revises: jobs_retries
Create Date: 2026-12-02 02:05:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'job_subjects_report_files'
down_revision = 'jobs_retries'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('job_records', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject_type', sa.String(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('subject_id', sa.Integer(), nullable=True))
        batch_op.create_index('ix_job_records_subject', ['subject_type', 'subject_id'], unique=False)
    op.create_table(
        'sim_comparison_reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('comparison_id', sa.Integer(), nullable=False),
        sa.Column('storage_key', sa.String(length=200), nullable=False),
        sa.Column('filename', sa.String(length=255), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('content_type', sa.String(length=120), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('stored_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['comparison_id'], ['sim_comparisons.id'],
                                name=op.f('fk_sim_comparison_reports_comparison_id_sim_comparisons')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sim_comparison_reports')),
        sa.UniqueConstraint('comparison_id', name=op.f('uq_sim_comparison_reports_comparison_id')),
    )
    op.execute("UPDATE job_records SET subject_type = 'sim_comparisons', subject_id = "
               "(SELECT c.id FROM sim_comparisons c WHERE c.job_id = job_records.id OR c.pdf_job_id = job_records.id) "
               "WHERE id IN (SELECT job_id FROM sim_comparisons WHERE job_id IS NOT NULL "
               "UNION SELECT pdf_job_id FROM sim_comparisons WHERE pdf_job_id IS NOT NULL)")
    # Size and digest of old exports were never recorded: 0 and '' say "unknown", the file itself is kept.
    op.execute("INSERT INTO sim_comparison_reports (comparison_id, storage_key, filename, size, content_type, sha256, "
               "stored_at) SELECT id, pdf_storage_key, '比对报告-' || id || '.pdf', 0, 'application/pdf', '', "
               "CURRENT_TIMESTAMP FROM sim_comparisons WHERE pdf_storage_key IS NOT NULL")
    with op.batch_alter_table('sim_comparisons', schema=None) as batch_op:
        batch_op.drop_constraint('fk_sim_comparisons_pdf_job_id_job_records', type_='foreignkey')
        batch_op.drop_constraint('fk_sim_comparisons_job_id_job_records', type_='foreignkey')
        batch_op.drop_column('pdf_job_id')
        batch_op.drop_column('pdf_storage_key')
        batch_op.drop_column('job_id')


def downgrade():
    with op.batch_alter_table('sim_comparisons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('job_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('pdf_storage_key', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('pdf_job_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_sim_comparisons_job_id_job_records', 'job_records', ['job_id'], ['id'])
        batch_op.create_foreign_key('fk_sim_comparisons_pdf_job_id_job_records', 'job_records', ['pdf_job_id'],
                                    ['id'])
    op.execute("UPDATE sim_comparisons SET pdf_storage_key = (SELECT r.storage_key FROM sim_comparison_reports r "
               "WHERE r.comparison_id = sim_comparisons.id)")
    op.execute("UPDATE sim_comparisons SET job_id = (SELECT max(j.id) FROM job_records j WHERE "
               "j.subject_type = 'sim_comparisons' AND j.subject_id = sim_comparisons.id "
               "AND j.kind = 'similarity.compare')")
    op.execute("UPDATE sim_comparisons SET pdf_job_id = (SELECT max(j.id) FROM job_records j WHERE "
               "j.subject_type = 'sim_comparisons' AND j.subject_id = sim_comparisons.id AND j.kind = 'similarity.pdf')")
    op.drop_table('sim_comparison_reports')
    with op.batch_alter_table('job_records', schema=None) as batch_op:
        batch_op.drop_index('ix_job_records_subject')
        batch_op.drop_column('subject_id')
        batch_op.drop_column('subject_type')
