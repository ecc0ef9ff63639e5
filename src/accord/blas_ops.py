"""thinc's numpy operations with matrix products from numpy's OpenBLAS and row sums in numpy.

The model's networks (two token encoders, the parser's and the recognizer's layers) spend most of
their time in matrix products. thinc multiplies with blis, whose wheel carries kernels up to AVX2;
numpy's OpenBLAS picks the processor's own (AVX-512 where there is one), 1.6x faster on this
machine for the encoders' products on one thread. The hash embeddings add four table rows per token
one BLAS call at a time; numpy gathers them in one operation, adding in the same order.

Products may round differently in the last bits of a float; benchmarks/equivalents.py counts the
texts annotated differently from the model as shipped (none of 3,200 dev-set and corpus texts, 410,940
tokens, when this was written).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy
from thinc.api import NumpyOps, get_current_ops, set_current_ops


class BlasOps(NumpyOps):
    name = "accord_blas"

    def gemm(self, x, y, out=None, trans1=False, trans2=False):
        return numpy.matmul(x.T if trans1 else x, y.T if trans2 else y, out=out)

    def gather_add(self, table, indices):
        """Row ``i`` of the result is the sum of the table's rows ``indices[i]``, added left to right."""
        indices = indices.reshape(len(indices), -1)
        total = table[indices[:, 0]]
        for column in range(1, indices.shape[1]):
            total += table[indices[:, column]]
        return total


@contextmanager
def blas_ops() -> Iterator[None]:
    """Models built inside use BlasOps."""
    previous = get_current_ops()
    set_current_ops(BlasOps())
    try:
        yield
    finally:
        set_current_ops(previous)
