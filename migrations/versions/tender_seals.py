"""Each tender's seal: the X25519 public key bids are sealed to, and how many officers unseal

Revision ID: tender_seals
Revises: job_subjects_report_files
Create Date: 2026-12-02 04:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'tender_seals'
down_revision = 'job_subjects_report_files'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'tender_seals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('tender_id', sa.Integer(), nullable=False),
        sa.Column('public_key', sa.LargeBinary(), nullable=False),
        sa.Column('threshold', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('opened_key', sa.LargeBinary(), nullable=True),
        sa.Column('opened_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['tender_id'], ['tenders.id'], name=op.f('fk_tender_seals_tender_id_tenders')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_tender_seals')),
        sa.UniqueConstraint('tender_id', name=op.f('uq_tender_seals_tender_id')),
    )


def downgrade():
    op.drop_table('tender_seals')
