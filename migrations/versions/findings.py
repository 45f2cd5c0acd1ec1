"""Findings at the opening: per-tender check runs and findings with staff status and committee decision

Revision ID: findings
Revises: opening_records
Create Date: 2026-12-02 06:28:16.095040

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'findings'
down_revision = 'opening_records'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('findings_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('queued', 'running', 'done', 'failed', name='runstate', native_enum=False, length=32), nullable=False),
    sa.Column('trigger', sa.String(length=64), nullable=False),
    sa.Column('queued_at', sa.DateTime(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('error', sa.String(length=500), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=True),
    sa.Column('pairs', sa.JSON(), nullable=True),
    sa.Column('history', sa.JSON(), nullable=True),
    sa.Column('notes', sa.JSON(), nullable=True),
    sa.Column('shown_to_panel_by_id', sa.Integer(), nullable=True),
    sa.Column('shown_to_panel_at', sa.DateTime(), nullable=True),
    sa.Column('tender_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['shown_to_panel_by_id'], ['users.id'], name=op.f('fk_findings_runs_shown_to_panel_by_id_users')),
    sa.ForeignKeyConstraint(['tender_id'], ['tenders.id'], name=op.f('fk_findings_runs_tender_id_tenders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_findings_runs')),
    sa.UniqueConstraint('tender_id', name='uq_findings_run_tender')
    )
    with op.batch_alter_table('findings_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_findings_runs_tender_id'), ['tender_id'], unique=False)

    op.create_table('findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('copy_pair', 'reuse_own', 'history_other', 'structure', 'identifier', 'key_person', 'metadata', 'price_pattern', 'leftover', name='findingkind', native_enum=False, length=32), nullable=False),
    sa.Column('basis', sa.String(length=200), nullable=False),
    sa.Column('bid_ids', sa.JSON(), nullable=False),
    sa.Column('summary', sa.String(length=500), nullable=False),
    sa.Column('strength', sa.Float(), nullable=False),
    sa.Column('figures', sa.JSON(), nullable=True),
    sa.Column('evidence', sa.JSON(), nullable=True),
    sa.Column('comparison_id', sa.Integer(), nullable=True),
    sa.Column('present', sa.Boolean(), nullable=False),
    sa.Column('detected_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.Enum('open', 'explained', 'referred', name='findingstatus', native_enum=False, length=32), nullable=False),
    sa.Column('status_reason', sa.Text(), nullable=False),
    sa.Column('status_by_id', sa.Integer(), nullable=True),
    sa.Column('status_at', sa.DateTime(), nullable=True),
    sa.Column('decision', sa.String(length=20), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('tender_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['comparison_id'], ['sim_comparisons.id'], name=op.f('fk_findings_comparison_id_sim_comparisons')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_findings_decided_by_id_users')),
    sa.ForeignKeyConstraint(['status_by_id'], ['users.id'], name=op.f('fk_findings_status_by_id_users')),
    sa.ForeignKeyConstraint(['tender_id'], ['tenders.id'], name=op.f('fk_findings_tender_id_tenders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_findings')),
    sa.UniqueConstraint('tender_id', 'key', name='uq_finding_key')
    )
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_findings_tender_id'), ['tender_id'], unique=False)



def downgrade():
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_findings_tender_id'))

    op.drop_table('findings')
    with op.batch_alter_table('findings_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_findings_runs_tender_id'))

    op.drop_table('findings_runs')
