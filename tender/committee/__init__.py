"""The evaluation committee (评标委员会): the expert pool, the random draw per tender, and conflict declarations."""
