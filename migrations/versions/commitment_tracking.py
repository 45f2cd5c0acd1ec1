"""Commitment tracking after the award (measurements per confirmed commitment), extracted commitments staff
dropped, and each contract version's PDF

Revision ID: commitment_tracking
Revises: low_prices
Create Date: 2026-12-02 17:50:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'commitment_tracking'
down_revision = 'report_pdf'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('commitment_measurements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('value', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('unit', sa.String(length=10), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('tender_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['commitment_id'], ['confirmed_commitments.id'],
                            name=op.f('fk_commitment_measurements_commitment_id_confirmed_commitments')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'],
                            name=op.f('fk_commitment_measurements_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['tender_id'], ['tenders.id'], name=op.f('fk_commitment_measurements_tender_id_tenders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitment_measurements'))
    )
    with op.batch_alter_table('commitment_measurements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitment_measurements_commitment_id'), ['commitment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitment_measurements_tender_id'), ['tender_id'], unique=False)
    op.create_table('dropped_commitment_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=1000), nullable=False),
    sa.Column('dropped_by_id', sa.Integer(), nullable=False),
    sa.Column('dropped_at', sa.DateTime(), nullable=False),
    sa.Column('tender_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['bid_id'], ['bids.id'], name=op.f('fk_dropped_commitment_proposals_bid_id_bids')),
    sa.ForeignKeyConstraint(['dropped_by_id'], ['users.id'],
                            name=op.f('fk_dropped_commitment_proposals_dropped_by_id_users')),
    sa.ForeignKeyConstraint(['tender_id'], ['tenders.id'],
                            name=op.f('fk_dropped_commitment_proposals_tender_id_tenders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dropped_commitment_proposals'))
    )
    with op.batch_alter_table('dropped_commitment_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dropped_commitment_proposals_bid_id'), ['bid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dropped_commitment_proposals_tender_id'), ['tender_id'], unique=False)
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pdf_key', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('pdf_sha256', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.drop_column('pdf_sha256')
        batch_op.drop_column('pdf_key')
    with op.batch_alter_table('dropped_commitment_proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dropped_commitment_proposals_tender_id'))
        batch_op.drop_index(batch_op.f('ix_dropped_commitment_proposals_bid_id'))
    op.drop_table('dropped_commitment_proposals')
    with op.batch_alter_table('commitment_measurements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitment_measurements_tender_id'))
        batch_op.drop_index(batch_op.f('ix_commitment_measurements_commitment_id'))
    op.drop_table('commitment_measurements')
