#!/usr/bin/env bash
# Prepare the database, load the demo once, start the job worker and serve the app on 127.0.0.1:5000.
set -euo pipefail
cd "$(dirname "$0")/.."
export FLASK_APP=tender
BIN=.venv/bin
$BIN/flask db upgrade
$BIN/flask demo load
$BIN/flask jobs worker --workers "${JOB_WORKERS:-1}" &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT INT TERM
echo "Serving on http://127.0.0.1:${PORT:-5000}  (Ctrl-C to stop)"
$BIN/gunicorn --workers "${WEB_WORKERS:-2}" --bind "127.0.0.1:${PORT:-5000}" --access-logfile - "tender:create_app()"
