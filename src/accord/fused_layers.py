"""Maxout followed by layer norm in one pass over the rows, with thinc's arithmetic.

Every layer of the token encoders is a maxout (a matrix product, a bias, the largest of a few
pieces) followed by a layer norm. thinc runs the two as a dozen numpy passes over the layer's
output, each allocating an array: on this pipeline they cost twice the matrix product itself. Here
the product is the layer's own (``ops.gemm``) and the rest runs compiled with numba, one row at a
time, with thinc's operations in thinc's order: numpy's pairwise sums for the mean and the variance,
their divisions in double precision as numpy does them, and the inverse square root taken by numpy
itself over the whole column of variances (its vectorised power rounds differently from the C
library's), so the output is bit for bit thinc's (tests/test_nlp.py).
"""

from __future__ import annotations

import numpy
from numba import njit
from spacy.language import Language
from thinc.api import Model
from thinc.layers.chain import forward as chain_forward

from .equivalents import model_nodes

VARIANCE_FLOOR = 1e-08  # thinc's LayerNorm adds it to the variance
PAIRWISE_BLOCK = 128  # numpy sums up to this many values with eight running sums (more: recursively)


def fuse_maxout_layernorm(nlp: Language) -> None:
    """Give every maxout >> layernorm chain of the pipeline's models the fused forward pass."""
    for node in model_nodes(nlp):
        if ([layer.name for layer in node.layers] == ["maxout", "layernorm"] and node._func is chain_forward
                and node.layers[1].get_dim("nI") <= PAIRWISE_BLOCK):
            node._func = forward_fused


def forward_fused(model: Model, X: numpy.ndarray, is_train: bool):
    if is_train:  # accord never trains: thinc's own pass
        return chain_forward(model, X, is_train)
    maxout, norm = model.layers
    pieces = maxout.get_dim("nP")
    weights = maxout.get_param("W")
    products = maxout.ops.gemm(X, weights.reshape(-1, weights.shape[-1]), trans2=True)
    best, means, variances = maxout_moments(products, maxout.get_param("b").reshape(-1), pieces)
    variances += numpy.float32(VARIANCE_FLOOR)
    scales = variances ** (-1.0 / 2.0)
    return normalised(best, means, scales, norm.get_param("G"), norm.get_param("b")), backprop_unsupported


def backprop_unsupported(gradients):
    raise NotImplementedError("accord's fused layers only predict")


@njit(cache=True, nogil=True)
def maxout_moments(products, bias, pieces):
    """The largest piece of each unit (bias added first, as thinc adds it), and each row's mean and variance."""
    rows, units = products.shape[0], products.shape[1] // pieces
    best = numpy.empty((rows, units), dtype=numpy.float32)
    means = numpy.empty(rows, dtype=numpy.float32)
    variances = numpy.empty(rows, dtype=numpy.float32)
    centred = numpy.empty(units, dtype=numpy.float32)
    for row in range(rows):
        for unit in range(units):
            top = products[row, unit * pieces] + bias[unit * pieces]
            for piece in range(1, pieces):
                top = max(top, products[row, unit * pieces + piece] + bias[unit * pieces + piece])
            best[row, unit] = top
        mean = numpy.float32(numpy.float64(pairwise_sum(best[row])) / units)
        for unit in range(units):
            centred[unit] = best[row, unit] - mean
            centred[unit] = centred[unit] * centred[unit]
        means[row] = mean
        variances[row] = numpy.float32(numpy.float64(pairwise_sum(centred)) / units)
    return best, means, variances


@njit(cache=True, nogil=True)
def normalised(best, means, scales, gain, shift):
    out = numpy.empty_like(best)
    for row in range(best.shape[0]):
        for unit in range(best.shape[1]):
            out[row, unit] = ((best[row, unit] - means[row]) * scales[row]) * gain[unit] + shift[unit]
    return out


@njit(cache=True, nogil=True)
def pairwise_sum(values):
    """numpy's sum of a float32 row of up to 128 values: eight running sums added pairwise, then the rest."""
    count = len(values)
    if count < 8:
        total = numpy.float32(0)
        for value in values:
            total += value
        return total
    s0, s1, s2, s3, s4, s5, s6, s7 = values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7]
    whole = count - count % 8
    for start in range(8, whole, 8):
        s0 += values[start]
        s1 += values[start + 1]
        s2 += values[start + 2]
        s3 += values[start + 3]
        s4 += values[start + 4]
        s5 += values[start + 5]
        s6 += values[start + 6]
        s7 += values[start + 7]
    total = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
    for index in range(whole, count):
        total += values[index]
    return total
