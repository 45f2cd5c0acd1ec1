"""Generator B: bid sections with planted service commitments, written without reading generator A or the extractor.

``build_documents(n, seed=0)`` returns ``n`` documents as ``(pages, commitments)``: ``pages`` is a list of
page texts (page 1 is ``pages[0]``) and ``commitments`` the planted
:class:`scoring.commitments.schema.Commitment` values, each with ``page`` and ``source`` (the exact table
row, bullet line or sentence, a substring of its page). Deterministic per ``(n, seed)``; the i-th document
depends only on ``seed`` and ``i``.

How the text is built
---------------------
- A document draws 6-15 catalogue indicators (``catalogue.SPECS``: every indicator of the schema, with
  the synonyms bids use, e.g. 业主满意率/客户满意率/综合满意率/住户满意率) and one target for each.
- Page 1 is a project overview of distractor sentences only. Then one to three blocks, each on a new page
  (or sharing the previous one): a 管理指标承诺 **table** (always with two or more rates), **bullets**
  (1. / （1） / ① / • …, "名称：值" or a full clause) or **prose** (服务承诺 sentences of one or two clauses).
- Table rows are text: columns 指标名称 | 国家标准 | 承诺指标 | 测定依据 | 保证措施 with varied header wording,
  a shuffled order after the name, sometimes a 序号 column or one column dropped, joined by " | ", a tab,
  or padded with spaces (two at least between cells). Only the 承诺 column plants.
- Numbers are Arabic, full-width (１５, ９８％) or Chinese (十五, 两小时, 百分之九十五, 百分之百).

Conventions (what each phrase plants)
-------------------------------------
- 以上 / 达到 / 达 / 不低于 / 不少于 / 不得少于 / 至少 / ≥ → AT_LEAST; 超过 → MORE_THAN.
- A bare figure ("100%", "１００％", "30天", "共19名") or 为 + figure → EQUAL, also for 100 %.
- 内 / 之内 / 以内 / 不超过 / ≤ → AT_MOST. A range "5~15分钟之内" (also ～, -, 至) plants ONE commitment,
  AT_MOST its upper bound (15 分钟); the lower bound plants nothing.
- Phasing: "两年内达95%以上" plants AT_LEAST 95 % with deadline "两年内" (also 一年内, 第二年, 第三年;
  "第二年起达到" has deadline "第二年"); "第一年达到85%以上，第二年…，第三年…" plants three commitments
  of the same indicator, deadlines 第一年/第二年/第三年. The 年 of a deadline never plants a number.
- Frequencies: 每日/每天, 每周, 每月, 每季/每季度, 每半年, 每年/每年度 + N次 → unit 次 with that period
  ("每半年组织1次消防演练" = EQUAL 1 次/半年; "每年不少于两次" = AT_LEAST 2 次/年).
- Several commitments in one phrase: "一般维修1小时内响应，24小时内完成", "急修15分钟内到位，4小时内修复",
  "投诉2小时内受理，48小时内反馈" plant two each; a prose sentence may also join two clauses.
- Units: 分钟, 小时, 天, 个工作日, 人 (名 → 人), % (％, 百分之).

Distractors (numbers that plant nothing)
----------------------------------------
The 国家标准 cell (always a different figure, or "—"), the 测定依据 formula ("…×100%"), 序号 and bullet
numbers, dates (2026年3月1日, 2026-03-01), telephones (0571-88661200, 138…), areas (186,420.50平方米),
households (1,326户), parking spaces, fees (2.80元/月·㎡), clause numbers (第十二条, 2.3款), headings (3.2),
ISO9001:2015, founding years, 项目经理 qualification "住宅物业管理经验5年以上" (not a catalogue
indicator), "24小时值班", staff breakdowns "项目经理1名、保洁员8名" (not the 定员 total), and
"电梯每月维护保养两次" (equipment upkeep is not in the catalogue). Dates, telephones and clause numbers
also appear as lead-ins inside commitment sentences ("业主拨打报修电话0571-…后，…15分钟内到达现场").
"""

from __future__ import annotations

from random import Random

from scoring.commitments.schema import Commitment

from .documents import document


def build_documents(n: int, seed: int = 0) -> list[tuple[list[str], list[Commitment]]]:
    return [document(Random(f"commitments-gen-b:{seed}:{i}")) for i in range(n)]
