"""Contracts (issue 14): the 前期物业服务合同 from the tender, the winning bid and its confirmed commitments."""
