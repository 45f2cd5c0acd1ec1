"""Score sheets (one cell per bid and criterion, each with its version) and the panel chair

Revision ID: score_sheets
Revises: contracts
Create Date: 2026-12-02 13:32:20.912157

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'score_sheets'
down_revision = 'contracts'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('panel_chairs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('appointed_by_id', sa.Integer(), nullable=False),
    sa.Column('appointed_at', sa.DateTime(), nullable=False),
    sa.Column('tender_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['appointed_by_id'], ['users.id'], name=op.f('fk_panel_chairs_appointed_by_id_users')),
    sa.ForeignKeyConstraint(['expert_id'], ['users.id'], name=op.f('fk_panel_chairs_expert_id_users')),
    sa.ForeignKeyConstraint(['tender_id'], ['tenders.id'], name=op.f('fk_panel_chairs_tender_id_tenders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_panel_chairs')),
    sa.UniqueConstraint('tender_id', name='uq_panel_chair_tender')
    )
    with op.batch_alter_table('panel_chairs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_panel_chairs_tender_id'), ['tender_id'], unique=False)

    op.create_table('score_sheets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'submitted', name='sheetstatus', native_enum=False, length=32),
              nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('return_reason', sa.String(length=500), nullable=False),
    sa.Column('returned_by_id', sa.Integer(), nullable=True),
    sa.Column('returned_at', sa.DateTime(), nullable=True),
    sa.Column('tender_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['expert_id'], ['users.id'], name=op.f('fk_score_sheets_expert_id_users')),
    sa.ForeignKeyConstraint(['returned_by_id'], ['users.id'], name=op.f('fk_score_sheets_returned_by_id_users')),
    sa.ForeignKeyConstraint(['tender_id'], ['tenders.id'], name=op.f('fk_score_sheets_tender_id_tenders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_score_sheets')),
    sa.UniqueConstraint('tender_id', 'expert_id', name='uq_score_sheet_expert')
    )
    with op.batch_alter_table('score_sheets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_score_sheets_tender_id'), ['tender_id'], unique=False)

    op.create_table('score_cells',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('criterion', sa.String(length=40), nullable=False),
    sa.Column('score', sa.Numeric(precision=6, scale=2), nullable=True),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['bid_id'], ['bids.id'], name=op.f('fk_score_cells_bid_id_bids')),
    sa.ForeignKeyConstraint(['sheet_id'], ['score_sheets.id'], name=op.f('fk_score_cells_sheet_id_score_sheets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_score_cells')),
    sa.UniqueConstraint('sheet_id', 'bid_id', 'criterion', name='uq_score_cell')
    )
    with op.batch_alter_table('score_cells', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_score_cells_sheet_id'), ['sheet_id'], unique=False)



def downgrade():
    with op.batch_alter_table('score_cells', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_score_cells_sheet_id'))

    op.drop_table('score_cells')
    with op.batch_alter_table('score_sheets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_score_sheets_tender_id'))

    op.drop_table('score_sheets')
    with op.batch_alter_table('panel_chairs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_panel_chairs_tender_id'))

    op.drop_table('panel_chairs')
