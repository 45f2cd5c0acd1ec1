"""Procurement procedures and the tender lifecycle."""
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


class TenderStatus(enum.Enum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"
    OPENED = "opened"
    EVALUATED = "evaluated"
    AWARDED = "awarded"
    CONTRACTED = "contracted"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {
            "draft": "草稿", "published": "已发布", "closed": "已截标", "opened": "已开标",
            "evaluated": "已评标", "awarded": "已定标", "contracted": "已签约", "cancelled": "已终止",
        }[self.value]


# The one place that says which lifecycle moves are allowed.
TRANSITIONS = {
    TenderStatus.DRAFT: {TenderStatus.PUBLISHED, TenderStatus.CANCELLED},
    TenderStatus.PUBLISHED: {TenderStatus.CLOSED, TenderStatus.CANCELLED},
    TenderStatus.CLOSED: {TenderStatus.OPENED, TenderStatus.CANCELLED},
    TenderStatus.OPENED: {TenderStatus.EVALUATED, TenderStatus.CANCELLED},
    TenderStatus.EVALUATED: {TenderStatus.AWARDED, TenderStatus.CANCELLED},
    TenderStatus.AWARDED: {TenderStatus.CONTRACTED},
    TenderStatus.CONTRACTED: set(),
    TenderStatus.CANCELLED: set(),
}


def can_move(current: TenderStatus, target: TenderStatus) -> bool:
    return target in TRANSITIONS[current]


SERVICE_TYPES = ["前期物业管理", "保洁服务", "秩序维护", "绿化养护", "电梯维保", "综合服务"]
