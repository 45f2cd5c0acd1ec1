"""`flask --app tender audit verify`: check the chain from the command line."""
import click
from flask.cli import AppGroup

audit_cli = AppGroup("audit", help="审计日志工具 (audit trail tools)")


@audit_cli.command("verify")
def verify_command():
    """Verify the hash chain and report the first broken link."""
    from tender.audit.operations import verify_chain

    result = verify_chain()
    if result.ok:
        click.echo(f"OK: {result.checked} audit entries verified, chain intact.")
        return
    click.echo(f"BROKEN at seq {result.broken_seq}: {result.reason} "
               f"({result.checked} entries verified before it)", err=True)
    raise SystemExit(1)
