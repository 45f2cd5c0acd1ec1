"""`flask --app tender audit ...`: verify the chain, the checkpoints and the audited rows; record a checkpoint."""
import click
from flask.cli import AppGroup

audit_cli = AppGroup("audit", help="审计日志工具 (audit trail tools)")


@audit_cli.command("verify")
@click.option("--rows", is_flag=True, help="Also compare every audited row with its last audited values.")
def verify_command(rows: bool):
    """Verify the keyed hash chain, the stored checkpoints and (with --rows) the audited rows."""
    from tender.audit.checkpoints import compare_checkpoints
    from tender.audit.operations import verify_chain

    failed = False
    result = verify_chain()
    if result.ok:
        note = f", {result.legacy} of them written before the audit key" if result.legacy else ""
        click.echo(f"OK: {result.checked} audit entries verified{note}, chain intact.")
    elif result.broken_seq is None:
        click.echo(f"NOT KEYED: {result.reason}", err=True)
        failed = True
    else:
        click.echo(f"BROKEN at seq {result.broken_seq}: {result.reason} "
                   f"({result.checked} entries verified before it)", err=True)
        failed = True
    checks = compare_checkpoints()
    bad = [c for c in checks if not c.ok]
    for check in bad:
        click.echo(f"CHECKPOINT MISMATCH seq {check.checkpoint.seq} ({check.checkpoint.at}): {check.message}", err=True)
    if checks and not bad:
        click.echo(f"OK: {len(checks)} checkpoints match the chain.")
    failed = failed or bool(bad)
    if rows:
        failed = _verify_rows() or failed
    if failed:
        raise SystemExit(1)


def _verify_rows() -> bool:
    from tender.audit.rows import row_differences

    differences = row_differences()
    for d in differences:
        click.echo(f"DIFF {d.table} #{d.row_id} {d.describe()} (last audited at seq {d.seq})", err=True)
    if differences:
        click.echo(f"ROWS: {len(differences)} differences between audited and current values.", err=True)
        return True
    click.echo("OK: audited rows match, no differences.")
    return False


@audit_cli.command("checkpoint")
def checkpoint_command():
    """Record the chain head (seq, keyed hash, time) in the checkpoint file outside the database."""
    from tender.audit.checkpoints import checkpoint_path, record_checkpoint
    from tender.unit_of_work import perform

    checkpoint = perform(record_checkpoint, None, source="cli")
    click.echo(f"Checkpoint: seq {checkpoint.seq} hash {checkpoint.hash} at {checkpoint.at} -> {checkpoint_path()}")
