"""The opening (开标): a tender's sealing key, its opening officers' shares, and the unsealing ceremony."""
