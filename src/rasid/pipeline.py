"""Stages, their registry and the pipeline that checks requirements when it is built.

A stage is a small callable ``Document -> Document`` that declares the layers it ``requires`` and
``assigns``.  Stages register themselves by name with :func:`register`; :func:`build_pipeline`
refuses to build when a stage requires a layer that no earlier stage assigns, and names it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from rasid.document import Document, Provenance


class PipelineError(ValueError):
    """A pipeline that cannot be built (unknown stage, missing requirement)."""


class Stage(Protocol):
    name: str
    version: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


StageFactory = Callable[[], Stage]

_REGISTRY: dict[str, StageFactory] = {}

# Modules whose import registers the built-in stages, in the order of the default pipeline.
_BUILTIN_MODULES = (
    "rasid.text.stages",
    "rasid.entities.ner",
    "rasid.kb.dictionary",
    "rasid.kb.link",
    "rasid.time.stage",
    "rasid.numbers.stage",
    "rasid.events.stage",
)

# The default pipeline for `rasid analyze`; names that are not registered (a stage whose
# module is not there yet) are left out.
DEFAULT_STAGES: tuple[str, ...] = (
    "boilerplate",
    "paragraphs",
    "sentences",
    "tokens",
    "ner",
    "gazetteer",
    "link",
    "times",
    "quantities",
    "attribution",
    "quotes",
    "events",
)


def register(name: str) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory (a class or a function returning a stage) under ``name``."""

    def wrap(factory: StageFactory) -> StageFactory:
        _REGISTRY[name] = factory
        return factory

    return wrap


def load_builtin_stages() -> None:
    for module in _BUILTIN_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name is None or not module.startswith(exc.name):
                raise


def registered_stages() -> list[str]:
    load_builtin_stages()
    return sorted(_REGISTRY)


def stage_info() -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    """(name, version, requires, assigns) of every registered stage."""
    load_builtin_stages()
    out = []
    for name in sorted(_REGISTRY):
        stage = _REGISTRY[name]()
        out.append((name, stage.version, tuple(stage.requires), tuple(stage.assigns)))
    return out


@dataclass
class Pipeline:
    stages: list[Stage] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = stage(doc)
            doc.provenance.append(Provenance(stage.name, stage.version, tuple(stage.assigns)))
        return doc

    def run_many(self, docs: Iterable[Document]) -> Iterable[Document]:
        for doc in docs:
            yield self(doc)


def check_requirements(stages: Iterable[Stage], available: Iterable[str] = ()) -> None:
    have = set(available)
    for stage in stages:
        missing = [layer for layer in stage.requires if layer not in have]
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} requires layer {missing[0]!r}, which no earlier stage assigns"
                + (f" (also missing: {', '.join(missing[1:])})" if len(missing) > 1 else "")
            )
        have.update(stage.assigns)


def _wanted(names: Iterable[str] | None) -> list[str]:
    load_builtin_stages()
    if names is None:
        return [n for n in DEFAULT_STAGES if n in _REGISTRY]
    wanted = list(names)
    unknown = [n for n in wanted if n not in _REGISTRY]
    if unknown:
        raise PipelineError(f"unknown stage {unknown[0]!r}; registered stages: {', '.join(sorted(_REGISTRY))}")
    return wanted


@dataclass
class _Declared:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


def validate_pipeline(names: Iterable[str] | None = None, available: Iterable[str] = ()) -> list[str]:
    """The checks of :func:`build_pipeline` without loading any model: stage classes declare
    ``requires``/``assigns`` as class attributes, so nothing is instantiated (a process that only
    writes results, such as the ingest writer, keeps no model in memory)."""
    declared = []
    for name in _wanted(names):
        factory = _REGISTRY[name]
        requires = getattr(factory, "requires", None)
        assigns = getattr(factory, "assigns", None)
        if requires is None or assigns is None:  # a plain function factory: build it to ask
            stage = factory()
            requires, assigns = stage.requires, stage.assigns
        declared.append(_Declared(name, tuple(requires), tuple(assigns)))
    check_requirements(declared, available)  # type: ignore[arg-type]
    return [d.name for d in declared]


def build_pipeline(names: Iterable[str] | None = None, available: Iterable[str] = ()) -> Pipeline:
    """Build a pipeline from registered stage names (default: every built-in stage present)."""
    wanted = _wanted(names)
    stages = [_REGISTRY[n]() for n in wanted]
    check_requirements(stages, available)
    return Pipeline(stages)


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The shared default pipeline (models load once per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = build_pipeline()
    return _DEFAULT
