"""A generated 300-page property-services bid as .docx: headings, prose, staffing tables, a page break per page.

The wording is assembled here from small phrase lists and random figures (seeded), so
the benchmark needs no real bid and shares no text with other fixtures.
"""
from __future__ import annotations

import io
import random
import zipfile

PAGES = 300
CHARS_PER_PAGE = 1250
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
    b'+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)

SUBJECTS = ["项目经理", "客服中心", "秩序维护部", "保洁班组", "绿化养护组", "工程维修部", "品质管理部", "安全主任",
            "消防值班员", "设备管理员", "会务服务组", "停车场管理员", "仓储管理员", "夜间巡查组"]
ACTIONS = ["每日巡查", "按月统计", "每周检查", "按季度评估", "实时记录", "逐项核对", "定期演练", "专项整改",
           "分区负责", "全程跟踪", "抽样复核", "限时处理"]
OBJECTS = ["公共区域卫生", "电梯运行状态", "消防设施完好率", "业主报修工单", "绿地修剪质量", "给排水管网",
           "配电房温湿度", "监控录像保存", "车辆出入记录", "装修施工现场", "垃圾分类投放", "外墙及屋面渗漏",
           "雨污水井盖"]
MEASURES = ["发现问题当场整改并拍照留档", "形成书面记录报物业服务中心", "纳入月度考核并与绩效挂钩",
            "由主管签字确认后存档备查", "超时未办结的自动升级至项目经理", "同步推送至业主服务平台",
            "对照服务标准逐条打分", "按照应急预案分级响应"]
GOALS = ["确保服务质量稳定可控", "保障业主生命财产安全", "提高设施设备完好率", "降低投诉率和返修率",
         "实现全年安全责任事故为零", "提升业主满意度", "延长设备使用寿命", "做到小修不过夜、急修不过时"]
CHAPTERS = ["项目概况与服务理解", "服务定位与管理目标", "组织架构与人员配置", "客户服务方案", "秩序维护与安全管理",
            "清洁卫生服务方案", "绿化养护方案", "共用设施设备维修养护", "消防与应急管理", "智慧物业与信息化",
            "档案资料管理", "节能降耗措施", "质量管理体系", "培训与考核", "承接查验与交接方案", "费用测算与说明"]


def _sentence(rng: random.Random) -> str:
    n = rng.randint(2, 48)
    return (f"{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}，{rng.choice(MEASURES)}，"
            f"响应时限不超过{n}分钟，{rng.choice(GOALS)}。")


def pages(seed: int = 300, n: int = PAGES) -> list[list[str | list[list[str]]]]:
    """Per page: paragraphs (str) and tables (rows of cells); a chapter heading every ~19 pages."""
    rng = random.Random(seed)
    out = []
    for page in range(n):
        blocks: list = []
        if page % (n // len(CHAPTERS) + 1) == 0:
            blocks.append(f"第{page // (n // len(CHAPTERS) + 1) + 1}章 {CHAPTERS[page % len(CHAPTERS)]}")
        if page % 10 == 5:
            blocks.append([["岗位", "人数", "工作时间", "职责"]] + [
                [rng.choice(SUBJECTS), str(rng.randint(1, 12)), f"{rng.randint(6, 9)}:00-{rng.randint(17, 22)}:00",
                 rng.choice(OBJECTS)] for _ in range(6)])
        size = sum(len(b) for b in blocks if isinstance(b, str))
        while size < CHARS_PER_PAGE:
            paragraph = "".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
            blocks.append(paragraph)
            size += len(paragraph)
        out.append(blocks)
    return out


def bid_docx(seed: int = 300, n: int = PAGES) -> bytes:
    """The bid as .docx bytes, one explicit page break after each generated page."""
    from docx import Document
    from docx.enum.text import WD_BREAK

    document = Document()
    for blocks in pages(seed, n):
        for block in blocks:
            if isinstance(block, list):
                table = document.add_table(rows=len(block), cols=len(block[0]))
                for r, row in enumerate(block):
                    for c, value in enumerate(row):
                        table.cell(r, c).text = value
            else:
                document.add_paragraph(block)
        document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def bid_text(seed: int, n: int = PAGES) -> str:
    """The same kind of bid as plain text (for the comparison the readers load)."""
    return "\n".join("\n".join(b if isinstance(b, str) else "\n".join("\t".join(r) for r in b) for b in blocks)
                     for blocks in pages(seed, n))


def text_heavy_docx(path, megabytes: float = 35, seed: int = 5):
    """A .docx of generated Chinese paragraphs, ``megabytes`` on disk (high-entropy text barely compresses)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    head = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as out:
            out.write(head.encode())
            written, target = 0, megabytes * 1024 * 1024 * 1.72  # this text deflates to ~58 %
            while written < target:
                codes = rng.integers(0x4E00, 0x4E00 + 3500, size=(2000, 120), dtype=np.int32)
                paras = "".join(f"<w:p><w:r><w:t>{row.tobytes().decode('utf-32-le')}</w:t></w:r></w:p>"
                                for row in codes).encode()
                out.write(paras)
                written += len(paras)
            out.write(b"</w:body></w:document>")
    return path
