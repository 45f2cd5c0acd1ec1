"""Scoring methods of tenders

Revision ID: tender_methods
Revises: opening_records
Create Date: 2026-12-02 07:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'tender_methods'
down_revision = 'committee'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('tender_methods',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('template', sa.String(length=40), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('tender_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_tender_methods_created_by_id_users')),
    sa.ForeignKeyConstraint(['tender_id'], ['tenders.id'], name=op.f('fk_tender_methods_tender_id_tenders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tender_methods')),
    sa.UniqueConstraint('tender_id', name='uq_tender_methods_tender_id')
    )
    with op.batch_alter_table('tender_methods', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tender_methods_tender_id'), ['tender_id'], unique=False)


def downgrade():
    with op.batch_alter_table('tender_methods', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tender_methods_tender_id'))
    op.drop_table('tender_methods')
