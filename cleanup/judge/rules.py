"""The named rules: hand-made refusals that earn their place, each with an id, a reason and examples.

A pass attaches the ids of the rules a candidate breaks; the judge refuses it unless every one of them
is switched off (``--disable-rule ID``). Everything else a pass finds is evidence that the judge's
fitted model weighs. Each rule's examples are tests (``tests/test_judge_rules.py``): with the terms
given, the ``blocked`` text yields a candidate this rule refuses, and the ``allowed`` one a candidate
it lets through.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    text: str
    terms: tuple[str, ...]
    original: str  # the span the candidate covers
    replacement: str
    context: tuple[str, ...] = ()  # the context words of every term


@dataclass(frozen=True)
class Rule:
    id: str
    message: str
    blocked: tuple[Example, ...]
    allowed: tuple[Example, ...] = ()


RULES: dict[str, Rule] = {rule.id: rule for rule in (
    Rule("protected", "touches a protected string (a canonical term, alias, exception or distinctive part)",
         blocked=(Example("我们用了蓝鲸大模型", ("蓝鲸", "大模型", "蓝鲸大魔方"), "蓝鲸大模型", "蓝鲸大魔方"),),
         allowed=(Example("泰宇大模型发布", ("泰语大模型", "大模型"), "泰宇大模型", "泰语大模型"),)),
    Rule("cuts-word", "cuts through a dictionary word the fix does not keep whole or make into another",
         blocked=(Example("临港新片区的企业", ("芯片",), "新片", "芯片"),),
         allowed=(Example("智能网络汽车产业", ("智能网联汽车",), "智能网络汽车", "智能网联汽车"),
                  Example("他们乘船去了孩南岛度假", ("海南",), "孩南", "海南"))),
    Rule("function-word", "rewrites a function word or filler, which recognisers rarely invent",
         blocked=(Example("我们的模型很好", ("大模型",), "的模型", "大模型"),
                  Example("我们在北京是一家公司", ("北京市",), "北京是", "北京市")),
         allowed=(Example("深成是人工智能", ("生成式人工智能",), "深成是人工智能", "生成式人工智能"),
                  Example("冠军是来被卡娅", ("莱贝卡娅",), "来被卡娅", "莱贝卡娅"))),
    Rule("doubled-neighbour", "repeats the character beside the span, so the span is misaligned",
         blocked=(Example("几万张卡集群", ("万卡集群",), "张卡集群", "万卡集群"),),
         allowed=(Example("建设完卡集群", ("万卡集群",), "完卡集群", "万卡集群"),)),
    Rule("no-shared-character", "a short span must keep a character of the term",
         blocked=(Example("这个时候大家", ("视厚",), "时候", "视厚"),),
         allowed=(Example("上当科技", ("商汤科技",), "上当科技", "商汤科技"),)),
    Rule("unbacked-word", "the original is a dictionary word, and neither context words nor the term standing "
         "alone elsewhere in the document say it was misheard",
         blocked=(Example("过去一段时间，我们在短时间内完成了", ("段时间",), "短时间", "段时间"),),
         allowed=(Example("段时间先生说，我们在短时间内完成了", ("段时间",), "短时间", "段时间"),)),
    Rule("no-context", "a short term whose entry lists context words: none is near, nor does the term stand "
         "alone elsewhere in the document",
         blocked=(Example("王林说今年的经济形势很好", ("王立",), "王林", "王立", ("集团",)),),
         allowed=(Example("集团的王林说今年的经济形势很好", ("王立",), "王林", "王立", ("集团",)),
                  Example("王立说，今年王林的经济形势很好", ("王立",), "王林", "王立", ("集团",)))),
    Rule("unbacked-english", "ordinary English words change to a term only when it appears elsewhere in the "
         "document or the spelling is nearly the same",
         blocked=(Example("which one, since time immemorial, makes sense", ("SenseTime",), "since time", "SenseTime"),),
         allowed=(Example("SenseTime said: since time matters", ("SenseTime",), "since time", "SenseTime"),)),
    Rule("ambiguous", "sounds as much like another term, so neither is chosen",
         blocked=(Example("我们见到了张伟", ("章伟", "张玮"), "张伟", "章伟"),),
         allowed=(Example("我们见到了张伟明", ("章伟明",), "张伟明", "章伟明"),)),
)}


def check_rule_ids(ids) -> list[str]:
    """The ids that name no rule."""
    return [i for i in ids if i not in RULES]
