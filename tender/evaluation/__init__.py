"""The panel's score sheets (issue 12 scope 4) and the aggregate once every sheet is in (scope 5)."""
