"""The evaluation report's PDF, made by a job: its storage key and hash on the result

Revision ID: report_pdf
Revises: low_prices
Create Date: 2026-12-02 18:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'report_pdf'
down_revision = 'low_prices'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('evaluation_results') as batch:
        batch.add_column(sa.Column('report_pdf_key', sa.String(length=200), nullable=True))
        batch.add_column(sa.Column('report_pdf_sha256', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('evaluation_results') as batch:
        batch.drop_column('report_pdf_sha256')
        batch.drop_column('report_pdf_key')
