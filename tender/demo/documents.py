"""Tender documents for the demo, written by the project and rendered with python-docx."""
from __future__ import annotations

import io

from tender.docx_page import a4_document


def tender_docx(title: str, sections: list[tuple[str, list[str]]], page_per_section: bool = False,
                author: str = "王敏") -> bytes:
    """`page_per_section`: each section starts a new page, so extracted text has page numbers to point at.

    `author` is the person who wrote the file, as a word processor records it (python-docx would say
    "python-docx"): the checks compare authors across companies (第四十条（一）).
    """
    document = a4_document(body_pt=11, numbered=False)
    document.core_properties.author = document.core_properties.last_modified_by = author
    document.add_heading(title, level=0)
    for index, (heading, paragraphs) in enumerate(sections):
        if page_per_section and index:
            document.add_page_break()
        document.add_heading(heading, level=1)
        for text in paragraphs:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def residential_sections(project: str, area: str, mix: str) -> list[tuple[str, list[str]]]:
    return [
        ("第一章 招标人及项目简介", [
            f"本项目为{project}，总建筑面积约 {area} 平方米，物业类型构成为{mix}。",
            "物业管理用房按规划配置于 3 号楼首层，建筑面积约 420 平方米，交付时一并移交。",
        ]),
        ("第二章 服务内容及要求", [
            "服务内容包括：共用部位及共用设施设备的运行维护、公共区域清洁卫生、绿化养护、秩序维护与车辆停放管理、"
            "客户服务及装饰装修管理、档案资料管理。",
            "投标人应承诺业主满意率、报修响应时间、人员配置标准等服务指标，中标后列入前期物业服务合同附件。",
        ]),
        ("第三章 对投标人及投标文件的要求", [
            "投标人须为依法注册的独立法人，经营范围包含物业管理，近三年无重大违法记录。",
            "投标文件由投标函、投标报价、物业管理方案及资格证明文件组成，须在投标截止时间前上传并加密。",
        ]),
        ("第四章 评标标准和评标方法", [
            "采用综合评分法：技术标（物业管理方案）60 分，商务标 15 分，报价 25 分。",
            "报价得分以有效投标报价的最低价为基准价，按公式计算；评标委员会由 5 名以上单数成员组成。",
        ]),
        ("第五章 招标活动方案", [
            "开标在投标截止时间公开进行，投标人可在线参加开标。少于 3 家投标人时不予开标，依法重新招标。",
        ]),
        ("第六章 物业服务合同的签订说明", [
            "中标人应在中标通知书发出之日起 30 日内，按照招标文件和中标人的投标文件签订前期物业服务合同。",
        ]),
    ]


def cleaning_sections(project: str) -> list[tuple[str, list[str]]]:
    return [
        ("一、采购内容", [
            f"{project}的日常保洁服务，包括售楼处大厅、洽谈区、样板间及室外广场，服务期一年。",
        ]),
        ("二、服务标准", [
            "大厅地面每日湿拖两次、巡回保洁；玻璃幕墙每月清洗一次；卫生间每小时巡查并记录。",
            "保洁人员不少于 6 人，设领班 1 名，着统一工装上岗。",
        ]),
        ("三、报价要求", [
            "报价为包干价（元/年），含人工、耗材、机具及税费。评审以价格为主，同时考虑服务方案。",
        ]),
    ]
