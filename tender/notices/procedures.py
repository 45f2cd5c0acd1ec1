"""Procurement procedures and what a tender sells; the lifecycle is in `lifecycle`."""
from tender.vocabulary import Labelled


class Procedure(Labelled):
    OPEN = "open", "公开招标"
    INVITED = "invited", "邀请招标"
    QUOTES = "quotes", "三家比价"

    @property
    def by_invitation(self) -> bool:
        return self is not Procedure.OPEN


class SaleMode(Labelled):
    UNKNOWN = "unknown", "未定"
    CURRENT = "current", "现售"
    PRESALE = "presale", "预售"
    NOT_FOR_SALE = "not_for_sale", "非出售"


SERVICE_TYPES = ["前期物业管理", "保洁服务", "秩序维护", "绿化养护", "电梯维保", "综合服务"]
