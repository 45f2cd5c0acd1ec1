"""Slot vocabularies for office, park, hospital and school logistics (后勤物业) text.

Pools are long on purpose: a sentence template shares only short fixed runs with itself
elsewhere, so two unrelated documents rarely repeat 30 characters unless a whole
template is drawn with the same fillers.
"""

import random

CITIES = (
    "临川 汉阳 宜兴 泰和 德清 东阳 潍坊 綦江 攀枝花 曲靖 榆林 酒泉 鄂州 韶关 北海 昭通 "
    "安顺 丽江 阜阳 宿迁 淮北 铜仁 朔州 锦州 营口 松原 牡丹江 佳木斯 衢州 舟山 莆田 三明"
).split()
BRAND = "瑞恒泽邦诚达华宇晟安鑫隆嘉禾悦昊锦程博远弘毅汇通蓝海卓越鼎丰惠民信和"
SUFFIX = (
    "后勤服务集团有限公司",
    "物业管理股份有限公司",
    "城市运营服务有限公司",
    "综合服务管理有限公司",
    "楼宇科技服务有限公司",
    "物业服务有限责任公司",
)
CLIENT_KIND = (
    "第一人民医院",
    "中医院",
    "妇幼保健院",
    "职业技术学院",
    "实验中学",
    "师范大学",
    "政务服务中心",
    "科技产业园",
    "软件园",
    "生物医药产业园",
    "金融中心大厦",
    "行政办公中心",
    "档案馆",
    "体育中心",
)
PROJECT_KIND = ("物业管理服务项目", "后勤社会化服务采购项目", "综合物业服务采购项目", "楼宇运维服务项目")

POOLS: dict[str, tuple[str, ...]] = {
    "post": tuple(
        "保洁员 秩序维护员 电梯管理员 水电维修工 暖通技工 绿化工 会务服务员 消控室值班员 客服专员 工程主管 "
        "保洁领班 安全主管 能源管理员 库管员 收发员 导诊员 宿管员 弱电工程师 空调运行工 巡逻岗队员 "
        "门岗队员 车场管理员 外墙清洗工 垃圾清运工 配电值班电工 项目副经理 品质督导 消防主管".split()
    ),
    "place": tuple(
        "门诊大厅 住院部走廊 手术室外围 行政楼 多功能报告厅 地下车库 屋顶平台 配电房 水泵房 消防控制室 "
        "学生宿舍 食堂后厨 实验楼 图书馆 体育馆 研发楼 标准厂房 园区主干道 员工餐厅 前台接待区 电梯厅 "
        "卫生间 茶水间 贵宾接待室 档案室 数据机房 垃圾中转站 停车场出入口 周界围墙 地下管廊 中庭连廊 "
        "医技楼 教学楼 孵化器大楼 人才公寓 报告厅后台 化粪池周边 装卸货平台".split()
    ),
    "eq": tuple(
        "曳引电梯 自动扶梯 冷水机组 风机盘管 干式变压器 低压配电柜 柴油发电机 生活水泵 消防水泵 喷淋系统 "
        "烟感探测器 防火卷帘 门禁系统 视频监控系统 洗地机 高压清洗机 驾驶式扫地车 绿篱修剪机 能耗计量表 "
        "楼宇自控系统 潜水排污泵 新风机组 空气源热泵 不间断电源 医用气体管道 污水处理设备 道闸系统 "
        "电子巡更系统 火灾报警主机 应急照明".split()
    ),
    "freq": tuple("每日 每周 每月 每季度 每半年 每班次 每两小时 每日早晚 每个工作日 每逢节假日".split()),
    "dept": tuple("工程部 客服中心 保洁部 安保部 会务组 综合办公室 品质管理部 能源管理组 绿化组 车辆管理组".split()),
    "goal": tuple(
        "运行平稳 环境整洁 通行有序 响应及时 零投诉 节能降耗 安全可控 账实相符 闭环管理 "
        "标准统一 过程可追溯 满意率稳步提升".split()
    ),
    "doc": tuple(
        "巡查记录表 交接班记录 维修工单 设备台账 培训签到表 整改通知单 作业指导书 月度报表 "
        "质量检查表 应急演练记录 钥匙借用登记簿 访客登记簿".split()
    ),
    "plant": tuple("香樟 桂花 红叶石楠 金边黄杨 海桐 草坪 月季 紫薇 银杏 绿萝 发财树 龟背竹".split()),
    "hazard": tuple(
        "电梯困人 停电 跑水 火情 燃气泄漏 台风暴雨 冰雪天气 群体性事件 食物中毒 高空坠物 "
        "医疗纠纷 设备故障 网络中断 管道爆裂".split()
    ),
}


def number(rng: random.Random, slot: str) -> str:
    """Numbers are realistic but carry no identity: the detector collapses digit runs."""
    if slot == "n":
        return str(rng.randint(2, 12))
    if slot == "nn":
        return str(rng.randint(10, 95))
    if slot == "pct":
        return str(rng.choice((90, 92, 95, 96, 98, 99, 100)))
    if slot == "hh":
        return f"{rng.randint(6, 22)}:{rng.choice(('00', '30'))}"
    return str(rng.randint(3, 45))  # "m": minutes


def company(rng: random.Random) -> str:
    return rng.choice(CITIES) + "".join(rng.sample(BRAND, 2)) + rng.choice(SUFFIX)


def client(rng: random.Random) -> str:
    return rng.choice(CITIES) + "市" + rng.choice(CLIENT_KIND)


def project(client_name: str, rng: random.Random) -> str:
    return client_name + rng.choice(PROJECT_KIND)
