"""The same key person named in two bids (第四十条(三) 项目管理成员为同一人).

A project manager or key staff member can only work for one bidder. Names alone collide
(张伟 is common), so a match needs the same ID number or the same certificate number;
the name is reported as evidence and a differing name on the same number is itself
suspicious (a borrowed certificate).
"""

import re
from dataclasses import dataclass

from scoring.collusion.validators import is_valid_id_number, normalise

ARTICLE = "第四十条（三）"


@dataclass(frozen=True)
class KeyPerson:
    name: str
    role: str = ""
    id_number: str = ""
    certificate: str = ""


@dataclass(frozen=True)
class SharedPerson:
    person_a: KeyPerson
    person_b: KeyPerson
    matched_on: tuple[str, ...]  # "id_number", "certificate"
    same_name: bool
    article: str = ARTICLE


def canon(value: str) -> str:
    """The form two numbers are compared in: the registry's normal form, without dashes."""
    return re.sub(r"[-—]", "", normalise(value))


def same_key_people(
    people_a: tuple[KeyPerson, ...] | list[KeyPerson], people_b: tuple[KeyPerson, ...] | list[KeyPerson]
) -> tuple[SharedPerson, ...]:
    """Pairs of persons of two bids sharing an ID number or a certificate number."""
    found = []
    for pa in people_a:
        for pb in people_b:
            matched = tuple(
                field
                for field in ("id_number", "certificate")
                if canon(getattr(pa, field)) and canon(getattr(pa, field)) == canon(getattr(pb, field))
            )
            if matched:
                found.append(SharedPerson(pa, pb, matched, pa.name.strip() == pb.name.strip()))
    return tuple(found)


_ROLE = "姓名|项目经理|项目负责人|物业经理|管理处主任|主管|负责人"
_NAME = re.compile(
    rf"(?P<role>{_ROLE})\s*[:：]?\s*(?P<name>[\u4e00-\u9fff]{{2,4}}?)(?=[\s,，;；、(（]|身份证|证书|$)"
)
_ID = re.compile(r"身份证(?:号码|号)?\s*[:：]?\s*(\d{17}[\dXx])")
_CERT = re.compile(r"(?<!身份)证书?(?:编号|号)\s*[:：]?\s*([A-Za-z0-9\-]{6,30})")


_BARE_ID = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")


def _id_on(line: str) -> str:
    """The labelled ID number, else an unlabelled one whose check character is right (a table row)."""
    if labelled := _ID.search(line):
        return labelled.group(1)
    return next((m.group(1) for m in _BARE_ID.finditer(line) if is_valid_id_number(m.group(1))), "")


def people_in_text(text: str) -> tuple[KeyPerson, ...]:
    """Best-effort reading of staff lines: "项目经理：张三，身份证号：…，证书编号：…" or a table row
    "项目经理 张三 330106198203154517" (an unlabelled number counts only if its check character is right)."""
    people = []
    for line in text.splitlines():
        name = _NAME.search(line)
        if not name:
            continue
        ident, cert = _id_on(line), _CERT.search(line)
        if ident or cert:
            role = "" if name.group("role") == "姓名" else name.group("role")
            people.append(KeyPerson(name.group("name"), role, ident, cert.group(1) if cert else ""))
    return tuple(people)
