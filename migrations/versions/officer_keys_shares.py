"""Opening officers' keys, their sealed shares of each tender's key-encryption key, shares presented at an opening

Revision ID: officer_keys_shares
Revises: tender_seals
Create Date: 2026-12-02 05:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'officer_keys_shares'
down_revision = 'tender_seals'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('tender_seals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wrapped_key', sa.LargeBinary(), nullable=True))
    op.create_table(
        'officer_keys',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('public_key', sa.LargeBinary(), nullable=False),
        sa.Column('wrapped_private', sa.LargeBinary(), nullable=False),
        sa.Column('kdf_salt', sa.LargeBinary(), nullable=False),
        sa.Column('kdf_time_cost', sa.Integer(), nullable=False),
        sa.Column('kdf_memory_cost', sa.Integer(), nullable=False),
        sa.Column('kdf_parallelism', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('changed_at', sa.DateTime(), nullable=True),
        sa.Column('retired_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_officer_keys_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_officer_keys')),
    )
    op.create_index(op.f('ix_officer_keys_user_id'), 'officer_keys', ['user_id'], unique=False)
    op.create_table(
        'officer_shares',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('seal_id', sa.Integer(), nullable=False),
        sa.Column('officer_id', sa.Integer(), nullable=False),
        sa.Column('officer_key_id', sa.Integer(), nullable=False),
        sa.Column('sealed_share', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(['seal_id'], ['tender_seals.id'], name=op.f('fk_officer_shares_seal_id_tender_seals')),
        sa.ForeignKeyConstraint(['officer_id'], ['users.id'], name=op.f('fk_officer_shares_officer_id_users')),
        sa.ForeignKeyConstraint(['officer_key_id'], ['officer_keys.id'],
                                name=op.f('fk_officer_shares_officer_key_id_officer_keys')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_officer_shares')),
        sa.UniqueConstraint('seal_id', 'officer_id', name='uq_officer_share'),
    )
    op.create_index(op.f('ix_officer_shares_seal_id'), 'officer_shares', ['seal_id'], unique=False)
    op.create_index(op.f('ix_officer_shares_officer_id'), 'officer_shares', ['officer_id'], unique=False)
    op.create_table(
        'presented_shares',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('seal_id', sa.Integer(), nullable=False),
        sa.Column('officer_id', sa.Integer(), nullable=False),
        sa.Column('wrapped_share', sa.LargeBinary(), nullable=False),
        sa.Column('presented_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['seal_id'], ['tender_seals.id'],
                                name=op.f('fk_presented_shares_seal_id_tender_seals')),
        sa.ForeignKeyConstraint(['officer_id'], ['users.id'], name=op.f('fk_presented_shares_officer_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_presented_shares')),
        sa.UniqueConstraint('seal_id', 'officer_id', name='uq_presented_share'),
    )
    op.create_index(op.f('ix_presented_shares_seal_id'), 'presented_shares', ['seal_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_presented_shares_seal_id'), table_name='presented_shares')
    op.drop_table('presented_shares')
    op.drop_index(op.f('ix_officer_shares_officer_id'), table_name='officer_shares')
    op.drop_index(op.f('ix_officer_shares_seal_id'), table_name='officer_shares')
    op.drop_table('officer_shares')
    op.drop_index(op.f('ix_officer_keys_user_id'), table_name='officer_keys')
    op.drop_table('officer_keys')
    with op.batch_alter_table('tender_seals', schema=None) as batch_op:
        batch_op.drop_column('wrapped_key')
