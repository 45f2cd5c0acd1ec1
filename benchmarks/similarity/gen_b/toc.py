"""Tables of contents: a sold template's specific headings, and the generic ones everyone uses.

A purchased template is a long list of *specific* headings ("第三章 第五节 电梯困人应急救援
与24小时值守方案"); two bids built from it share those lines verbatim while their prose
differs. Generic headings (第一章 项目概况 ...) are shared by unrelated bids and prove nothing.
"""

import random

from benchmarks.similarity.gen_b.doc import TOPICS, Doc, Piece, cn, copied, cover, fresh, paragraph, place, render
from benchmarks.similarity.gen_b.grammar import Names, expand, flat

CHAPTER = """
[医院|园区|校园|写字楼]后勤[一体化|集约化|精细化]服务总体[构想|策划|设计]
{place}[分时段|分区域|分级]保洁[作业流程|质量标准]与[督导|考核]机制
{eq}[运行维护|全生命周期管理]与[节能|安全]保障体系
{hazard}[应急救援|突发事件处置]与{nn}小时值守方案
[智慧|数字化][物业|后勤]平台[建设|应用]与数据[治理|分析]
[人员|团队][配置|组建][方案|计划]及[岗位|职责]说明书
""".strip().splitlines()

SECTION = """
{place}的{freq}[巡检|保洁|维护][路线|频次|标准]设计
{eq}[故障|异常][分级|快速]响应与[备件|工单]管理
{hazard}[应急救援|处置流程]与{nn}小时值守方案
{post}[岗位|作业][职责|标准][与|及][考核|培训]办法
{place}[秩序维护|安全管理]与[访客|车辆]管控措施
[入驻企业|师生|患者|来访人员][满意度|诉求][闭环|跟踪]管理[方案|流程]
{plant}[养护|修剪][技术|作业]要点与{freq}[检查|巡查]安排
{dept}与{client}[沟通|对接]协调[机制|制度]
[会务|接待]服务[标准化|精细化][流程|方案]与{place}布置
{eq}[能耗|用电][计量|分析]与[节能改造|降耗]建议
""".strip().splitlines()

GENERIC_CHAPTERS = (
    "项目概况",
    "服务理念与目标",
    "管理模式与组织架构",
    "人员配置方案",
    "服务方案",
    "管理制度",
    "质量保证措施",
    "应急预案",
    "档案管理",
    "服务承诺",
    "物资装备配置",
    "培训方案",
    "合理化建议",
    "费用测算",
)
GENERIC_SECTIONS = ("服务范围", "服务标准", "工作流程", "质量控制", "人员安排", "保障措施", "考核办法")


def template_headings(rng: random.Random, names: Names) -> list[str]:
    """The sold template: 7-10 chapters of 5-9 specific sections."""
    out, seen = [], set()
    for c in range(1, rng.randint(7, 10) + 1):
        out.append(f"第{cn(c)}章 {flat(expand(rng.choice(CHAPTER), rng, names))}")
        for s in range(1, rng.randint(5, 9) + 1):
            while (title := flat(expand(rng.choice(SECTION), rng, names))) in seen:
                pass
            seen.add(title)
            out.append(f"第{cn(c)}章 第{cn(s)}节 {title}")
    return out


def generic_headings(rng: random.Random) -> list[str]:
    chapters = sorted(rng.sample(range(len(GENERIC_CHAPTERS)), rng.randint(8, 11)))
    out = []
    for c, k in enumerate(chapters, 1):
        out.append(f"第{cn(c)}章 {GENERIC_CHAPTERS[k]}")
        for s, t in enumerate(rng.sample(GENERIC_SECTIONS, rng.randint(2, 5)), 1):
            out.append(f"{cn(s)}、{t}")
    return out


def toc_doc(rng: random.Random, names: Names, headings: list[str], prose: tuple[int, int]) -> Doc:
    """Cover, 目录 with dot leaders and pages, then each heading with ``prose`` sentences."""
    doc = Doc(names)
    cover(doc)
    doc.add("title", [[("目录", None)]])
    topics = list(TOPICS)
    bodies = [paragraph(rng, rng.choice(topics), names, rng.randint(*prose)) for _ in headings]
    page = 3
    for h, body in zip(headings, bodies, strict=True):
        doc.add("toc", [[(h, None), ("." * 12, "dots"), (str(page), "page")]])
        page += 1 + sum(len(flat(s)) for s in body) // 700
    for h, body in zip(headings, bodies, strict=True):
        doc.add("heading", [[(h, None)]])
        if body:
            doc.add("body", body)
    return doc


def template_copy(src: Doc, dst: Doc) -> tuple[str, str, tuple[int, ...]]:
    """``dst`` renders with its headings marked as copied from the same lines of ``src``."""
    a, placed = place(src)
    _, dst_placed = place(dst)
    where = {}
    for kind, row in zip(src.kinds, placed, strict=True):
        if kind in ("toc", "heading"):
            t, _, off = row[0][0]
            where[(kind, t)] = off
    lines: list[list[list[Piece]]] = []
    for kind, row in zip(dst.kinds, dst_placed, strict=True):
        if kind in ("toc", "heading") and (kind, row[0][0][0]) in where:
            h = row[0][0][0]
            lines.append([[(h, where[(kind, h)])] + [(t, None) for t, _, _ in row[0][1:]]])
        elif kind == "title":  # the template's cover layout, with the bidder's own names
            lines.append([copied(s, dst.names) for s in placed[len(lines)]])
        else:
            lines.append([fresh([(t, k) for t, k, _ in s]) for s in row])
    b, origin = render(lines)
    return a, b, origin
