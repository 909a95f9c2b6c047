"""A tiny labelled data set in the layout scripts/fit_judge.py reads (dev/ forum, aishell/ Kaldi files), and the
fit script loaded as a module."""
import importlib.util
import json
import sys
from pathlib import Path

FIT_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "fit_judge.py"

LEXICON = ["商汤科技", "徐立", "日日新", "大模型", "具身智能", "万卡集群", "生成式人工智能", "SenseTime", "临港新片区"]
# Forum lines and their gold corrections (wrong, right); lines without any hold sound-alikes that are right
FORUM = [
    ("上汤科技今天发布了新的模型。", [("上汤科技", "商汤科技")]),
    ("徐丽博士在论坛上发表了演讲。", [("徐丽", "徐立")]),
    ("我们发布了日日心系列。", [("日日心", "日日新")]),
    ("这是一个很大的大魔型。", [("大魔型", "大模型")]),
    ("巨生智能是下一个方向。", [("巨生智能", "具身智能")]),
    ("我们建设了完卡集群。", [("完卡集群", "万卡集群")]),
    ("深成式人工智能改变了产业。", [("深成式人工智能", "生成式人工智能")]),
    ("Welcome to the Sands time forum.", [("Sands time", "SenseTime")]),
    ("商当科技的董事长徐丽讲话。", [("商当科技", "商汤科技"), ("徐丽", "徐立")]),
    ("日日鑫和大模形都很强。", [("日日鑫", "日日新"), ("大模形", "大模型")]),
    ("上唐科技的产品。", [("上唐科技", "商汤科技")]),
    ("具生智能机器人。", [("具生智能", "具身智能")]),
    ("这个时候大家都来了。", []),
    ("他们的模型很好。", []),
    ("许丽女士是一位老师。", []),
    ("临港新片区的企业很多。", []),
    ("这些学生都很努力。", []),
    ("我们在短时间内完成了。", []),
    ("日日行善是一种美德。", []),
    ("他在上海科技大学读书。", []),
    ("上海科技馆很好玩。", []),
    ("手机机身智能化是趋势。", []),
    ("全身智能监测设备。", []),
    ("许莉和徐力是同学。", []),
    ("这只大魔王很可怕。", []),
    ("万家集团的业务。", []),
    ("日日夜夜地工作。", []),
    ("书立放在桌子上。", []),
    ("Sense and time matter.", []),
]

ENTITIES = ["中原地产", "张大伟", "碧桂园", "阿里巴巴", "王健林", "万达广场", "链家地产", "马化腾", "腾讯控股", "易居研究院"]
# (speaker, hypothesis, reference)
AISHELL = [
    ("S0764", "中元地产首席分析师张大为说", "中原地产首席分析师张大伟说"),
    ("S0764", "碧贵园的销售额继续增长", "碧桂园的销售额继续增长"),
    ("S0764", "阿里八八公布了季度财报", "阿里巴巴公布了季度财报"),
    ("S0764", "王建林表示万达广场将扩张", "王健林表示万达广场将扩张"),
    ("S0764", "连家地产的数据显示成交下降", "链家地产的数据显示成交下降"),
    ("S0764", "易居研究员的报告指出", "易居研究院的报告指出"),
    ("S0764", "腾讯空股的股价上涨", "腾讯控股的股价上涨"),
    ("S0764", "马化腾出席了会议", "马化腾出席了会议"),
    ("S0764", "中原地区的经济发展", "中原地区的经济发展"),
    ("S0764", "张大卫先生来了", "张大卫先生来了"),
    ("S0764", "碧桂苑小区的居民", "碧桂苑小区的居民"),
    ("S0764", "腾讯空间的用户很多", "腾讯空间的用户很多"),
    ("S0916", "中源地产的报告称", "中原地产的报告称"),
    ("S0916", "碧桂缘的项目开工", "碧桂园的项目开工"),
    ("S0916", "马华腾在演讲中提到", "马化腾在演讲中提到"),
    ("S0916", "万达光场开业了", "万达广场开业了"),
    ("S0916", "链家地铲的经纪人", "链家地产的经纪人"),
    ("S0916", "腾讯空股发布公告", "腾讯控股发布公告"),
    ("S0916", "中原地产研究中心最新数据", "中原地产研究中心最新数据"),
    ("S0916", "阿里巴巴的股东大会", "阿里巴巴的股东大会"),
    ("S0916", "王健琳女士是一名教师", "王健琳女士是一名教师"),
    ("S0916", "张大维是一名记者", "张大维是一名记者"),
    ("S0916", "王剑林在会上发言", "王剑林在会上发言"),
    ("S0916", "中元节的习俗", "中元节的习俗"),
]


def write_data(root: Path) -> Path:
    """Write the data set under ``root`` and return it."""
    dev, aishell = root / "dev", root / "aishell"
    dev.mkdir(parents=True)
    aishell.mkdir()
    raw, clean, gold = [], [], []
    for number, (line, edits) in enumerate(FORUM, 1):
        raw.append(line)
        for wrong, right in edits:
            gold.append({"line": number, "wrong": wrong, "right": right, "cat": "term", "conf": "high"})
            line = line.replace(wrong, right, 1)
        clean.append(line)
    write(dev / "raw_000.md", raw)
    write(dev / "clean_000.md", clean)
    write(dev / "gold_000.jsonl", [json.dumps(g, ensure_ascii=False) for g in gold])
    write(dev / "lexicon_000.txt", LEXICON)
    keys = [f"BAC009{speaker}W{121 + i:04d}" for i, (speaker, _, _) in enumerate(AISHELL)]
    write(aishell / "hyp.txt", [f"{k} {hyp}" for k, (_, hyp, _) in zip(keys, AISHELL)])
    write(aishell / "ref.txt", [f"{k} {ref}" for k, (_, _, ref) in zip(keys, AISHELL)])
    write(aishell / "ent.txt", ENTITIES)
    return root


def write(path: Path, lines) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def fit_script():
    """scripts/fit_judge.py as a module, for its labelling and fitting functions (loaded once)."""
    if "fit_judge" not in sys.modules:
        spec = importlib.util.spec_from_file_location("fit_judge", FIT_SCRIPT)
        module = sys.modules["fit_judge"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules["fit_judge"]
