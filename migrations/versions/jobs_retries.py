"""Job records remember their task, attempts and worker, so interrupted jobs can be retried

A job whose worker was killed (out of memory, restart) stayed "running" for
good. The record now keeps the task name and arguments to enqueue it again,
how many times it was retried, and which worker process runs it.

Revision ID: jobs_retries
Revises: rules_claims_versions
Create Date: 2026-12-02 00:50:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'jobs_retries'
down_revision = 'rules_claims_versions'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('job_records', schema=None) as batch_op:
        batch_op.add_column(sa.Column('task_name', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('task_args', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('worker', sa.String(length=100), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('job_records', schema=None) as batch_op:
        batch_op.drop_column('worker')
        batch_op.drop_column('attempts')
        batch_op.drop_column('task_args')
        batch_op.drop_column('task_name')
