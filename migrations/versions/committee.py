"""Expert pool, committee draws and conflict declarations

Revision ID: committee
Revises: opening_records
Create Date: 2026-12-02 07:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'committee'
down_revision = "findings"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('expert_profiles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('specialty', sa.String(length=40), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('external', sa.Boolean(), nullable=False),
    sa.Column('in_pool', sa.Boolean(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_expert_profiles_updated_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_expert_profiles_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expert_profiles')),
    sa.UniqueConstraint('user_id', name=op.f('uq_expert_profiles_user_id'))
    )
    op.create_table('expert_relations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('company_name', sa.String(length=200), nullable=False),
    sa.Column('relation', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_expert_relations_company_id_companies')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_expert_relations_created_by_id_users')),
    sa.ForeignKeyConstraint(['profile_id'], ['expert_profiles.id'],
                            name=op.f('fk_expert_relations_profile_id_expert_profiles')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expert_relations'))
    )
    op.create_index(op.f('ix_expert_relations_profile_id'), 'expert_relations', ['profile_id'], unique=False)
    op.create_table('committee_draws',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procedure', sa.String(length=20), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('representatives', sa.Integer(), nullable=False),
    sa.Column('reserve_count', sa.Integer(), nullable=False),
    sa.Column('seed', sa.String(length=64), nullable=False),
    sa.Column('tenderer', sa.String(length=200), nullable=False),
    sa.Column('bidders', sa.JSON(), nullable=False),
    sa.Column('pool', sa.JSON(), nullable=False),
    sa.Column('members', sa.JSON(), nullable=False),
    sa.Column('reserves', sa.JSON(), nullable=False),
    sa.Column('log', sa.JSON(), nullable=False),
    sa.Column('tender_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_committee_draws_created_by_id_users')),
    sa.ForeignKeyConstraint(['tender_id'], ['tenders.id'], name=op.f('fk_committee_draws_tender_id_tenders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_committee_draws')),
    sa.UniqueConstraint('tender_id', name='uq_committee_draw_tender')
    )
    op.create_index(op.f('ix_committee_draws_tender_id'), 'committee_draws', ['tender_id'], unique=False)
    op.create_table('conflict_declarations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('conflict', sa.Boolean(), nullable=False),
    sa.Column('company_name', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('statement', sa.Text(), nullable=False),
    sa.Column('declared_at', sa.DateTime(), nullable=False),
    sa.Column('tender_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['expert_id'], ['users.id'], name=op.f('fk_conflict_declarations_expert_id_users')),
    sa.ForeignKeyConstraint(['tender_id'], ['tenders.id'], name=op.f('fk_conflict_declarations_tender_id_tenders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conflict_declarations')),
    sa.UniqueConstraint('tender_id', 'expert_id', name='uq_conflict_declaration')
    )
    op.create_index(op.f('ix_conflict_declarations_tender_id'), 'conflict_declarations', ['tender_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_conflict_declarations_tender_id'), table_name='conflict_declarations')
    op.drop_table('conflict_declarations')
    op.drop_index(op.f('ix_committee_draws_tender_id'), table_name='committee_draws')
    op.drop_table('committee_draws')
    op.drop_index(op.f('ix_expert_relations_profile_id'), table_name='expert_relations')
    op.drop_table('expert_relations')
    op.drop_table('expert_profiles')
