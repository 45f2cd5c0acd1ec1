"""Contracts, confirmed commitments and staff contract templates

Revision ID: contracts
Revises: tender_methods
Create Date: 2026-12-02 13:44:37.906569

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'contracts'
down_revision = 'tender_methods'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('contract_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('storage_key', sa.String(length=200), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=120), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('stored_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_contract_templates_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contract_templates'))
    )
    op.create_table('confirmed_commitments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(length=40), nullable=False),
    sa.Column('comparator', sa.String(length=2), nullable=False),
    sa.Column('value', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('unit', sa.String(length=10), nullable=False),
    sa.Column('period', sa.String(length=4), nullable=False),
    sa.Column('deadline', sa.String(length=40), nullable=False),
    sa.Column('method', sa.String(length=300), nullable=False),
    sa.Column('source', sa.String(length=1000), nullable=False),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('penalty_clause', sa.String(length=20), nullable=False),
    sa.Column('confirmed_by_id', sa.Integer(), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(), nullable=False),
    sa.Column('tender_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['bid_id'], ['bids.id'], name=op.f('fk_confirmed_commitments_bid_id_bids')),
    sa.ForeignKeyConstraint(['confirmed_by_id'], ['users.id'], name=op.f('fk_confirmed_commitments_confirmed_by_id_users')),
    sa.ForeignKeyConstraint(['tender_id'], ['tenders.id'], name=op.f('fk_confirmed_commitments_tender_id_tenders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_confirmed_commitments'))
    )
    with op.batch_alter_table('confirmed_commitments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_confirmed_commitments_bid_id'), ['bid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_confirmed_commitments_tender_id'), ['tender_id'], unique=False)

    op.create_table('contracts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=60), nullable=False),
    sa.Column('status', sa.Enum('draft', 'signed', 'superseded', name='contractstatus', native_enum=False, length=32), nullable=False),
    sa.Column('fee_regime', sa.Enum('lump_sum', 'cost_plus', name='feeregime', native_enum=False, length=32), nullable=False),
    sa.Column('remuneration', sa.String(length=200), nullable=False),
    sa.Column('term_months', sa.Integer(), nullable=False),
    sa.Column('term_start', sa.Date(), nullable=False),
    sa.Column('annual_total', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('fees', sa.JSON(), nullable=False),
    sa.Column('commitments', sa.JSON(), nullable=False),
    sa.Column('context', sa.JSON(), nullable=False),
    sa.Column('template_id', sa.Integer(), nullable=True),
    sa.Column('signed_by_id', sa.Integer(), nullable=True),
    sa.Column('signed_at', sa.DateTime(), nullable=True),
    sa.Column('storage_key', sa.String(length=200), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=120), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('stored_at', sa.DateTime(), nullable=False),
    sa.Column('tender_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['bid_id'], ['bids.id'], name=op.f('fk_contracts_bid_id_bids')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_contracts_company_id_companies')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_contracts_created_by_id_users')),
    sa.ForeignKeyConstraint(['signed_by_id'], ['users.id'], name=op.f('fk_contracts_signed_by_id_users')),
    sa.ForeignKeyConstraint(['template_id'], ['contract_templates.id'], name=op.f('fk_contracts_template_id_contract_templates')),
    sa.ForeignKeyConstraint(['tender_id'], ['tenders.id'], name=op.f('fk_contracts_tender_id_tenders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contracts')),
    sa.UniqueConstraint('tender_id', 'version', name='uq_contract_version')
    )
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contracts_tender_id'), ['tender_id'], unique=False)



def downgrade():
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contracts_tender_id'))

    op.drop_table('contracts')
    with op.batch_alter_table('confirmed_commitments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_confirmed_commitments_tender_id'))
        batch_op.drop_index(batch_op.f('ix_confirmed_commitments_bid_id'))

    op.drop_table('confirmed_commitments')
    op.drop_table('contract_templates')
