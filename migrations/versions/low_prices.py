"""Abnormally low prices: checks, clarification requests, evidence

Revision ID: low_prices
Revises: evaluation_results
Create Date: 2026-12-02 13:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'low_prices'
down_revision = 'evaluation_results'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('low_price_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rule', sa.JSON(), nullable=False),
    sa.Column('rows', sa.JSON(), nullable=False),
    sa.Column('mean', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('mean_line', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('tender_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_low_price_checks_created_by_id_users')),
    sa.ForeignKeyConstraint(['tender_id'], ['tenders.id'], name=op.f('fk_low_price_checks_tender_id_tenders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_low_price_checks'))
    )
    with op.batch_alter_table('low_price_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_low_price_checks_tender_id'), ['tender_id'], unique=False)

    op.create_table('low_price_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('check_id', sa.Integer(), nullable=False),
    sa.Column('company_name', sa.String(length=200), nullable=False),
    sa.Column('price', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('grounds', sa.String(length=2000), nullable=False),
    sa.Column('question', sa.String(length=2000), nullable=False),
    sa.Column('deadline', sa.DateTime(), nullable=False),
    sa.Column('answer', sa.String(length=5000), nullable=False),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('decision', sa.String(length=10), nullable=True),
    sa.Column('decision_note', sa.String(length=2000), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('tender_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_low_price_requests_answered_by_id_users')),
    sa.ForeignKeyConstraint(['bid_id'], ['bids.id'], name=op.f('fk_low_price_requests_bid_id_bids')),
    sa.ForeignKeyConstraint(['check_id'], ['low_price_checks.id'], name=op.f('fk_low_price_requests_check_id_low_price_checks')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_low_price_requests_company_id_companies')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_low_price_requests_created_by_id_users')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_low_price_requests_decided_by_id_users')),
    sa.ForeignKeyConstraint(['tender_id'], ['tenders.id'], name=op.f('fk_low_price_requests_tender_id_tenders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_low_price_requests')),
    sa.UniqueConstraint('tender_id', 'bid_id', name='uq_low_price_request_bid')
    )
    with op.batch_alter_table('low_price_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_low_price_requests_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_low_price_requests_tender_id'), ['tender_id'], unique=False)

    op.create_table('low_price_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
    sa.Column('storage_key', sa.String(length=200), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=120), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('stored_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['low_price_requests.id'], name=op.f('fk_low_price_evidence_request_id_low_price_requests')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_low_price_evidence_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_low_price_evidence'))
    )
    with op.batch_alter_table('low_price_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_low_price_evidence_request_id'), ['request_id'], unique=False)



def downgrade():
    with op.batch_alter_table('low_price_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_low_price_evidence_request_id'))

    op.drop_table('low_price_evidence')
    with op.batch_alter_table('low_price_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_low_price_requests_tender_id'))
        batch_op.drop_index(batch_op.f('ix_low_price_requests_company_id'))

    op.drop_table('low_price_requests')
    with op.batch_alter_table('low_price_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_low_price_checks_tender_id'))

    op.drop_table('low_price_checks')
