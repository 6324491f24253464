"""The compiled pack as the engine sees it.

The pack prepared for scoring (:class:`CriteriaIndex`, its :class:`CompiledPack`)
is built in :mod:`zicli.models.index`, beside the models it is made of, so that
binding answers to a pack (:mod:`zicli.models.bind`) needs no engine. The
engine, the renderers and the tests name it here, as the engine's input.
"""

from zicli.models.index import (
    Block,
    CompiledPack,
    CompiledRatio,
    CriteriaIndex,
    PerPack,
    build_index,
)

__all__ = ["Block", "CompiledPack", "CompiledRatio", "CriteriaIndex", "PerPack", "build_index"]
