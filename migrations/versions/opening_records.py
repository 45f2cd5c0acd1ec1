"""Opening records, entries and bidders' responses

Revision ID: opening_records
Revises: bid_text
Create Date: 2026-12-02 04:28:59.851735

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'opening_records'
down_revision = 'bid_text'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('opening_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tender_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('full', 'quotes', name='recordkind', native_enum=False, length=32), nullable=False),
    sa.Column('status', sa.Enum('building', 'in_session', 'published', name='recordstatus', native_enum=False, length=32), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('built_at', sa.DateTime(), nullable=True),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.Column('pdf_key', sa.String(length=200), nullable=True),
    sa.Column('pdf_sha256', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['published_by_id'], ['users.id'], name=op.f('fk_opening_records_published_by_id_users')),
    sa.ForeignKeyConstraint(['tender_id'], ['tenders.id'], name=op.f('fk_opening_records_tender_id_tenders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opening_records')),
    sa.UniqueConstraint('tender_id', name=op.f('uq_opening_records_tender_id'))
    )
    op.create_table('opening_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('company_name', sa.String(length=200), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('files', sa.JSON(), nullable=False),
    sa.Column('files_ok', sa.Boolean(), nullable=False),
    sa.Column('annual_total', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('deposit_amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('deposit_method', sa.String(length=32), nullable=False),
    sa.Column('deposit_paid_on', sa.Date(), nullable=True),
    sa.Column('deposit_reference', sa.String(length=100), nullable=False),
    sa.Column('remark', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['bid_id'], ['bids.id'], name=op.f('fk_opening_entries_bid_id_bids')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_opening_entries_company_id_companies')),
    sa.ForeignKeyConstraint(['record_id'], ['opening_records.id'], name=op.f('fk_opening_entries_record_id_opening_records')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opening_entries')),
    sa.UniqueConstraint('record_id', 'bid_id', name='uq_opening_entry_bid')
    )
    with op.batch_alter_table('opening_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opening_entries_record_id'), ['record_id'], unique=False)

    op.create_table('opening_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('confirm', 'objection', name='responsekind', native_enum=False, length=32), nullable=False),
    sa.Column('text', sa.String(length=1000), nullable=False),
    sa.Column('raised_at', sa.DateTime(), nullable=False),
    sa.Column('answer', sa.String(length=1000), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_opening_responses_answered_by_id_users')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_opening_responses_company_id_companies')),
    sa.ForeignKeyConstraint(['record_id'], ['opening_records.id'], name=op.f('fk_opening_responses_record_id_opening_records')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_opening_responses_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opening_responses'))
    )
    with op.batch_alter_table('opening_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opening_responses_record_id'), ['record_id'], unique=False)



def downgrade():
    with op.batch_alter_table('opening_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opening_responses_record_id'))

    op.drop_table('opening_responses')
    with op.batch_alter_table('opening_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opening_entries_record_id'))

    op.drop_table('opening_entries')
    op.drop_table('opening_records')
