"""The result of a tender: the frozen ranking, members' confirmations, candidate publicity, objections, award."""
