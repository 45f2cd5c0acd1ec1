"""Procurement procedures and what a tender sells; the lifecycle is in `lifecycle`."""
import enum


class Procedure(enum.Enum):
    OPEN = "open"
    INVITED = "invited"
    QUOTES = "quotes"

    @property
    def label(self) -> str:
        return {"open": "公开招标", "invited": "邀请招标", "quotes": "三家比价"}[self.value]

    @property
    def by_invitation(self) -> bool:
        return self is not Procedure.OPEN


class SaleMode(enum.Enum):
    UNKNOWN = "unknown"
    CURRENT = "current"
    PRESALE = "presale"
    NOT_FOR_SALE = "not_for_sale"

    @property
    def label(self) -> str:
        return {"unknown": "未定", "current": "现售", "presale": "预售", "not_for_sale": "非出售"}[self.value]


SERVICE_TYPES = ["前期物业管理", "保洁服务", "秩序维护", "绿化养护", "电梯维保", "综合服务"]
