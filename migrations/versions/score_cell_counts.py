"""Score cells keep the count an expert entered for a counted item (similar projects × points, capped)

Revision ID: score_cell_counts
Revises: low_prices
Create Date: 2026-12-02 17:35:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'score_cell_counts'
down_revision = 'commitment_tracking'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('score_cells', schema=None) as batch_op:
        batch_op.add_column(sa.Column('count', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('score_cells', schema=None) as batch_op:
        batch_op.drop_column('count')
