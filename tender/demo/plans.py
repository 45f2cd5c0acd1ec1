"""Service plans of the demo's opened tender, written for this project (no third-party text).

Each company writes in its own words, so unrelated plans share nothing the detector should see.
What is planted, on purpose, for the findings page:
- 锦程 reuses its plan for an earlier project (湖畔花苑) and leaves that project's and client's names in it;
- 嘉和 copies 恒安's order-keeping and equipment chapters almost word for word;
- 恒安 and 嘉和 name the same 项目经理 (same ID number and certificate) in their business parts.
"""
from __future__ import annotations

from scoring.collusion.validators import id_check_char

OLD_PROJECT, OLD_TENDERER = "湖畔花苑", "杭州湖畔置业有限公司"
PROJECT, TENDERER = "云栖·江南里", "杭州云栖置业有限公司"
_ID_BODY = "33010619820315451"
SHARED_MANAGER = ("陆文涛", _ID_BODY + id_check_char(_ID_BODY), "WYJL-2019-04417")

Chapter = tuple[str, list[str]]


def jincheng_history() -> list[Chapter]:
    """锦程's plan for 湖畔花苑 (an earlier tender): the text it reuses."""
    return [
        ("第一章 项目认知", [
            f"{OLD_PROJECT}位于萧山湘湖板块，由{OLD_TENDERER}开发建设，业态以花园洋房和小高层为主，"
            "社区绿地率高、坡地景观多，这决定了我们的服务重心在园林养护、坡道安全和邻里氛围三个方面。",
            "我们在前期介入阶段即派驻工程师参与承接查验，对照图纸逐栋逐户检查渗漏、开裂和设备安装质量，"
            "形成问题清单交建设单位整改，避免交付后集中报修。",
        ]),
        ("第二章 管理模式与组织架构", [
            "项目实行项目经理负责制，下设客服、工程、秩序、环境四个班组，班组长每日早会汇报前一日工单，"
            "项目经理每周向建设单位书面通报服务情况。",
            f"为{OLD_PROJECT}配置管理人员与操作人员共四十六名，其中持证电工三名、持证消防控制室值班员六名，"
            "全部人员入职前完成岗前培训并通过考核。",
        ]),
        ("第三章 客户服务", [
            "客服中心设在一号楼架空层，早八点至晚八点人工值守，其余时段由监控中心转接，"
            "业主来电来访一律登记工单，当日回访率不低于百分之九十五。",
            "每季度举办一次社区文化活动，春季植树、夏季纳凉晚会、秋季邻里节、冬季年货集市，"
            f"活动经费由{OLD_TENDERER}与物业服务中心按约定分担。",
        ]),
        ("第四章 工程维修", [
            "维修服务实行二十四小时响应，急修十五分钟到场，一般维修两小时内上门，"
            "维修完成后由业主在工单上签字确认，工程主管每周抽查回访。",
            "二次供水水箱每半年清洗消毒一次，水质检测报告在单元大堂公示；"
            "配电房每日巡查两次，记录电压电流和温度，雷雨季节前完成防雷检测。",
        ]),
        ("第五章 园林绿化", [
            "坡地草坪每月修剪两次，乔木每年修剪一次并在台风季前加固支撑，"
            "病虫害防治优先采用生物防治，喷药前一日在单元门口张贴告示。",
        ]),
    ]


def jincheng_current() -> list[Chapter]:
    """锦程's plan for this tender: the history plan with a new first chapter; old names left in two places."""
    reused = jincheng_history()[1:]
    return [
        ("第一章 项目认知", [
            f"{PROJECT}地处滨江核心区，以高层住宅为主，配套沿街商业和两层地下车库，"
            "人口密度高、车辆进出频繁，我们把秩序维护、电梯运行和车库管理放在服务的首位。",
        ]),
        *reused,
    ]


def hengan_plan() -> list[Chapter]:
    return [
        ("一、服务理念", [
            "恒安物业以“安全、整洁、有温度”为服务准则，把每一位业主当作邻居，把每一处公共部位当作自己的家来打理。",
            "我们承诺业主满意率不低于百分之九十，未达标时按合同约定接受考核扣款，并在三十日内提交整改报告。",
        ]),
        ("二、秩序维护方案", [
            "小区实行封闭式管理，主出入口设双岗，人行闸机采用人脸识别与门禁卡双重验证，访客须经业主确认后由岗亭登记放行。",
            "夜间巡逻分两班交替进行，每小时对地下车库、消防通道和楼顶天台巡查一次，巡更点设电子签到，漏签由领班当班追查。",
            "遇火警、电梯困人、管道爆裂等突发事件，监控中心立即启动应急预案，秩序维护员五分钟内到达现场处置并同步报告项目经理。",
        ]),
        ("三、设备设施管理", [
            "电梯由具备资质的维保单位每半月保养一次，物业工程人员每日巡检轿厢照明、对讲和运行异响，困人救援承诺十五分钟到场。",
            "消防水泵每周手动启泵测试一次，每月联动测试一次，消防控制室二十四小时双人值守，值班记录保存不少于三年。",
        ]),
        ("四、环境卫生", [
            "楼道每日清扫一次、每周拖洗一次，垃圾分类桶站每日清运两次并冲洗消毒，夏季每周灭蚊蝇一次。",
        ]),
    ]


def jiahe_plan() -> list[Chapter]:
    """嘉和's plan: its own opening and cleaning chapters, 恒安's order-keeping and equipment chapters copied in."""
    copied = hengan_plan()[1:3]
    return [
        ("第一部分 企业简介与服务定位", [
            "嘉和物业深耕宁波二十年，管理项目覆盖住宅、写字楼与学校，我们相信细节决定口碑，服务从业主回家的第一步开始。",
            "本项目拟投入管理及操作人员四十二名，实行“管家+专业班组”的双线服务，每栋楼配一名楼栋管家。",
        ]),
        *copied,
        ("第四部分 保洁与绿化", [
            "公共区域保洁采用定人定岗定责，大堂和电梯轿厢每日擦拭三遍，外墙玻璃每年清洗两次，雨雪天气及时铺设防滑垫。",
            "绿化养护按季节编制作业计划，草坪修剪高度控制在五至八厘米，灌木整形每季度一次，枯死苗木一个月内补种。",
        ]),
    ]


def business_part(company: str, credit_code: str, manager: tuple[str, str, str]) -> list[Chapter]:
    """The 商务标 lines the checks read: the bidder's identifiers and its 项目经理."""
    name, id_number, certificate = manager
    return [("投标函及资格证明", [
        f"投标人：{company}",
        f"统一社会信用代码：{credit_code}",
        f"项目经理：{name}，身份证号：{id_number}，证书编号：{certificate}",
        f"我方承诺按招标文件要求为{PROJECT}提供前期物业管理服务，投标有效期九十日。",
    ])]
