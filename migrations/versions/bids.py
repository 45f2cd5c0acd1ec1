"""Sealed bids: files, uploads in progress, receipts and history

Revision ID: bids
Revises: officer_keys_shares
Create Date: 2026-12-02 04:30:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'bids'
down_revision = 'officer_keys_shares'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('bid_uploads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('tender_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('part', sa.Enum('business', 'technical', 'price', name='bidpart', native_enum=False, length=32), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('received', sa.BigInteger(), nullable=False),
    sa.Column('stored', sa.BigInteger(), nullable=False),
    sa.Column('next_index', sa.Integer(), nullable=False),
    sa.Column('storage_key', sa.String(length=200), nullable=False),
    sa.Column('sha256_hmac', sa.String(length=64), nullable=False),
    sa.Column('sha256_sealed', sa.LargeBinary(), nullable=False),
    sa.Column('sha256_wrapped', sa.LargeBinary(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('touched_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_bid_uploads_company_id_companies')),
    sa.ForeignKeyConstraint(['tender_id'], ['tenders.id'], name=op.f('fk_bid_uploads_tender_id_tenders')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_bid_uploads_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bid_uploads')),
    sa.UniqueConstraint('token', name=op.f('uq_bid_uploads_token'))
    )
    with op.batch_alter_table('bid_uploads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bid_uploads_tender_id'), ['tender_id'], unique=False)

    op.create_table('bids',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tender_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'submitted', 'withdrawn', name='bidstatus', native_enum=False, length=32), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('price_sealed', sa.LargeBinary(), nullable=True),
    sa.Column('price_saved_at', sa.DateTime(), nullable=True),
    sa.Column('deposit_amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('deposit_method', sa.Enum('transfer', 'guarantee', 'insurance', name='depositmethod', native_enum=False, length=32), nullable=True),
    sa.Column('deposit_paid_on', sa.Date(), nullable=True),
    sa.Column('deposit_reference', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_bids_company_id_companies')),
    sa.ForeignKeyConstraint(['tender_id'], ['tenders.id'], name=op.f('fk_bids_tender_id_tenders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bids')),
    sa.UniqueConstraint('tender_id', 'company_id', name='uq_bid_company')
    )
    with op.batch_alter_table('bids', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bids_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bids_tender_id'), ['tender_id'], unique=False)

    op.create_table('bid_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('summary', sa.String(length=500), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['bid_id'], ['bids.id'], name=op.f('fk_bid_events_bid_id_bids')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_bid_events_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bid_events'))
    )
    with op.batch_alter_table('bid_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bid_events_bid_id'), ['bid_id'], unique=False)

    op.create_table('bid_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('part', sa.Enum('business', 'technical', 'price', name='bidpart', native_enum=False, length=32), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('storage_key', sa.String(length=200), nullable=True),
    sa.Column('record_count', sa.Integer(), nullable=False),
    sa.Column('sha256_hmac', sa.String(length=64), nullable=False),
    sa.Column('sha256_sealed', sa.LargeBinary(), nullable=False),
    sa.Column('sha256_wrapped', sa.LargeBinary(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
    sa.Column('superseded_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['bid_id'], ['bids.id'], name=op.f('fk_bid_files_bid_id_bids')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_bid_files_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bid_files')),
    sa.UniqueConstraint('token', name=op.f('uq_bid_files_token'))
    )
    with op.batch_alter_table('bid_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bid_files_bid_id'), ['bid_id'], unique=False)

    op.create_table('bid_receipts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=80), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.Column('signature', sa.String(length=64), nullable=False),
    sa.Column('payload_wrapped', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['bid_id'], ['bids.id'], name=op.f('fk_bid_receipts_bid_id_bids')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bid_receipts')),
    sa.UniqueConstraint('number', name=op.f('uq_bid_receipts_number'))
    )
    with op.batch_alter_table('bid_receipts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bid_receipts_bid_id'), ['bid_id'], unique=False)



def downgrade():
    with op.batch_alter_table('bid_receipts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bid_receipts_bid_id'))

    op.drop_table('bid_receipts')
    with op.batch_alter_table('bid_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bid_files_bid_id'))

    op.drop_table('bid_files')
    with op.batch_alter_table('bid_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bid_events_bid_id'))

    op.drop_table('bid_events')
    with op.batch_alter_table('bids', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bids_tender_id'))
        batch_op.drop_index(batch_op.f('ix_bids_company_id'))

    op.drop_table('bids')
    with op.batch_alter_table('bid_uploads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bid_uploads_tender_id'))

    op.drop_table('bid_uploads')
