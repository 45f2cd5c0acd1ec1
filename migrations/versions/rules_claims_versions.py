"""Verified credit codes, company version check, per-tender public documents

A claimed 统一社会信用代码 no longer blocks other companies: only a code staff
verified is unique. Companies get an optimistic version column. Tenders get
the staff setting that makes an open tender's documents public.

Revision ID: rules_claims_versions
Revises: accounts_sessions
Create Date: 2026-12-01 11:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'rules_claims_versions'
down_revision = 'accounts_sessions'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('companies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verified_credit_code', sa.String(length=18), nullable=True))
        batch_op.add_column(sa.Column('credit_code_verified_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
        batch_op.drop_constraint('uq_companies_credit_code', type_='unique')
        batch_op.create_index(batch_op.f('ix_companies_credit_code'), ['credit_code'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_companies_verified_credit_code'), ['verified_credit_code'])

    with op.batch_alter_table('tenders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('public_documents', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('tenders', schema=None) as batch_op:
        batch_op.drop_column('public_documents')

    with op.batch_alter_table('companies', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_companies_verified_credit_code'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_companies_credit_code'))
        batch_op.create_unique_constraint('uq_companies_credit_code', ['credit_code'])
        batch_op.drop_column('version')
        batch_op.drop_column('credit_code_verified_at')
        batch_op.drop_column('verified_credit_code')
