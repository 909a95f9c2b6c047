"""One engine configuration for every command that corrects: the same lexicon, pass, option, rule and
confidence flags on ``fix``, ``diff``, ``review`` and ``lexicon suggest``, over what a team keeps in a
config file (``[tool.asr-cleanup]`` in pyproject.toml, or ``asr-cleanup.toml``, found in the current
folder or its parents, as black finds its own).

Every value is checked when the engine is built: a bad one is a usage error (exit 2) naming the option.
"""
from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from .. import batch, engine_cache
from ..judge import JudgeConfig
from ..errors import InputError
from ..judge.rules import RULES, check_rule_ids
from ..lexicon import LexiconError, default_lexicon_paths, load_lexicons
from ..passes import DEFAULT_PASSES, PASSES
from ..passes.options import OptionError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAMES = ("asr-cleanup.toml", "pyproject.toml")
CONFIG_KEYS = {"lexicons": list, "default-lexicons": bool, "passes": list, "disable-passes": list,
               "pass-options": dict, "min-confidence": (int, float), "disable-rules": list,
               "language-model": str, "language-model-tokens": str}
ENGINE_PARAMS = ("lexicons", "no_default_lexicons", "passes", "disable_pass", "pass_option", "min_confidence",
                 "disable_rule", "language_model", "judge_params", "config_path", "no_cache")


def engine_options(command):
    """Add the engine's options to a click command, which then receives one ``spec`` (a CorrectorSpec)."""
    options = [
        click.option("--lexicon", "-l", "lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     help="A lexicon file (.txt plain text, .toml); repeatable."),
        click.option("--no-default-lexicons", is_flag=True, default=None,
                     help="Do not load the lexicons shipped with the package."),
        click.option("--passes", help="Comma-separated passes to run, in order (default: all): " + "; ".join(
            f"{name}: {PASSES[name].description}" for name in DEFAULT_PASSES) + "."),
        click.option("--disable-pass", multiple=True, metavar="NAME", help="Skip a pass; repeatable."),
        click.option("--pass-option", multiple=True, metavar="PASS.KEY=VALUE",
                     help="Set a pass option; VALUE is JSON (a bare word is taken as a string); repeatable."),
        click.option("--min-confidence", type=click.FloatRange(0, 1), metavar="P",
                     help="The confidence (0-1, the judge's probability that a fix is right) a fix needs; "
                          "higher means fewer, surer fixes (default: the fitted value)."),
        click.option("--disable-rule", multiple=True, metavar="ID",
                     help=f"Switch a named rule off; repeatable. Rules: {', '.join(RULES)}."),
        click.option("--language-model", type=click.Path(dir_okay=False),
                     help="A kenlm model file (needs the kenlm package) instead of the built-in word-frequency model."),
        click.option("--judge-params", type=click.Path(exists=True, dir_okay=False),
                     help="The judge's parameters, as scripts/fit_judge.py writes them (default: the shipped ones)."),
        click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Config file (default: asr-cleanup.toml or pyproject.toml's [tool.asr-cleanup], "
                          "searched from the current folder up)."),
        click.option("--no-cache", is_flag=True,
                     help="Build the engine afresh and keep nothing: the engine cache is neither read nor written."),
    ]

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        settings = {name: kwargs.pop(name) for name in ENGINE_PARAMS}
        return command(*args, spec=build_spec(**settings), **kwargs)

    return functools.reduce(lambda cmd, option: option(cmd), reversed(options), wrapper)


def build_spec(lexicons=(), no_default_lexicons=None, passes=None, disable_pass=(), pass_option=(),
               min_confidence=None, disable_rule=(), language_model=None, judge_params=None,
               config_path=None, no_cache=False) -> batch.CorrectorSpec:
    """The CorrectorSpec for the command line's settings over the config file's; built (or loaded from the
    engine cache) once to check it."""
    config, base = load_config(config_path)
    lexicon_paths = [*(str(base / p) for p in config.get("lexicons", [])), *lexicons]
    defaults = not no_default_lexicons if no_default_lexicons is not None else config.get("default-lexicons", True)
    names = [p.strip() for p in passes.split(",") if p.strip()] if passes else config.get("passes", list(DEFAULT_PASSES))
    disabled = [*config.get("disable-passes", []), *disable_pass]
    unknown = [n for n in [*names, *disabled] if n not in PASSES]
    if unknown:
        raise click.BadParameter(f"unknown pass(es) {', '.join(unknown)}; available: {', '.join(PASSES)}",
                                 param_hint="--passes")
    options = {name: dict(values) for name, values in config.get("pass-options", {}).items()}
    for name, values in parse_pass_options(pass_option).items():
        options.setdefault(name, {}).update(values)
    model = language_model or (str(base / config["language-model"]) if "language-model" in config else None)
    names = [n for n in names if n not in disabled]
    rules = tuple([*config.get("disable-rules", []), *disable_rule])
    try:
        judge = JudgeConfig(min_confidence if min_confidence is not None else config.get("min-confidence"),
                            rules, model, config.get("language-model-tokens", "chars"), judge_params)
    except ValueError as exc:  # JudgeConfig's checks: rule ids, the confidence's range
        raise click.BadParameter(str(exc), param_hint="--disable-rule" if check_rule_ids(rules)
                                 else "--min-confidence") from None
    try:
        files = [*(default_lexicon_paths() if defaults else []), *lexicon_paths]
        cache_key = None if no_cache else engine_cache.key(files, names, options, judge)
        spec = batch.CorrectorSpec.from_cache(cache_key, names, options, judge) if cache_key else None
        if spec is None:
            spec = batch.CorrectorSpec(_load_lexicons(lexicon_paths, defaults), names, options, judge, cache_key)
        for conflict in spec.lexicon.conflicts():
            click.echo(f"warning: lexicon conflict: {conflict}", err=True)
        spec.build()
    except OptionError as exc:
        raise click.BadParameter(str(exc), param_hint="--pass-option") from None
    except InputError as exc:  # a missing or unreadable model or parameter file
        raise click.BadParameter(str(exc), param_hint="--judge-params" if judge_params and exc.path == str(
            Path(judge_params)) else "--language-model") from None
    except ValueError as exc:  # the model's token kind
        raise click.BadParameter(str(exc), param_hint="--language-model") from None
    return spec


def _load_lexicons(paths, defaults: bool):
    try:
        return load_lexicons(paths, defaults=defaults)
    except LexiconError as exc:
        raise click.BadParameter(str(exc), param_hint="--lexicon") from None


def parse_pass_options(items) -> dict[str, dict]:
    """``["pinyin.max_unlike_syllables=1"]`` -> ``{"pinyin": {"max_unlike_syllables": 1}}``."""
    options: dict[str, dict] = {}
    for item in items:
        target, equals, raw = item.partition("=")
        name, dot, key = target.partition(".")
        if not (equals and dot and name and key):
            raise click.BadParameter(f"{item!r} is not PASS.KEY=VALUE", param_hint="--pass-option")
        if name not in PASSES:
            raise click.BadParameter(f"{item!r}: no pass {name!r}; available: {', '.join(PASSES)}",
                                     param_hint="--pass-option")
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        options.setdefault(name, {})[key] = value
    return options


def find_config(start: Path) -> Path | None:
    """The nearest asr-cleanup.toml, or pyproject.toml with a [tool.asr-cleanup] table, from ``start`` up."""
    for folder in [start, *start.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or "[tool.asr-cleanup" in _read(candidate)):
                return candidate
    return None


def load_config(path: Path | None) -> tuple[dict, Path]:
    """The config table and the folder its relative paths start from ({} and the current folder if none)."""
    path = path or find_config(Path.cwd().resolve())
    if path is None:
        return {}, Path.cwd()
    try:
        data = tomllib.loads(_read(path))
    except tomllib.TOMLDecodeError as exc:
        raise click.BadParameter(f"{path}: {exc}", param_hint="--config") from None
    table = data.get("tool", {}).get("asr-cleanup", {}) if path.name == "pyproject.toml" else data
    for key, value in table.items():
        expected = CONFIG_KEYS.get(key)
        if expected is None:
            raise click.BadParameter(f"{path}: unknown setting {key!r}; settings: {', '.join(CONFIG_KEYS)}",
                                     param_hint="--config")
        if not isinstance(value, expected) or isinstance(value, bool) and expected is not bool:
            raise click.BadParameter(f"{path}: {key} has the wrong type ({type(value).__name__})",
                                     param_hint="--config")
    if not 0 <= table.get("min-confidence", 0) <= 1:
        raise click.BadParameter(f"{path}: min-confidence must be from 0 to 1, not {table['min-confidence']}",
                                 param_hint="--config")
    unknown = [r for r in table.get("disable-rules", []) if not isinstance(r, str) or r not in RULES]
    if unknown:
        raise click.BadParameter(f"{path}: disable-rules: unknown rule(s) {', '.join(map(str, unknown))}; "
                                 f"rules: {', '.join(RULES)}", param_hint="--config")
    return table, path.parent


def _read(path: Path) -> str:
    from ..formats import open_regular  # a named pipe as the config must not block

    try:
        with open_regular(path, "a config file") as stream:
            return stream.read().decode("utf-8-sig")
    except InputError as exc:
        raise click.BadParameter(str(exc), param_hint="--config") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise click.BadParameter(f"{path}: cannot read config: {exc}", param_hint="--config") from None
