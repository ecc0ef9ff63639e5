"""The model's dependency parser, its transition loop compiled with numba.

spaCy's parser decodes greedily in compiled code, but in the spaCy 3.8 wheel that loop takes and
releases the GIL several times per state and step (Cython's exception checks around every blis
call, an assertion ``with gil`` per step): on this pipeline that cost about 17 ms per article, 20
times the network's own products. Here the network is the model's own (its tok2vec projection and
precomputed feature layer, run by thinc as spaCy runs them) and the loop is the arc-eager system of
spaCy's ``_parser_internals`` written again for numba: the same state, features (next two words, top
three of the stack, nearest left child of the next word, nearest left and right child of the stack
top), validity rules and greedy choice. The moves it picks are then applied with spaCy's own
transition system to spaCy's own states, and spaCy's component sets the annotation from them, so
heads, labels and sentence starts come from spaCy's code; tests/test_nlp.py and
benchmarks/equivalents.py check them against the original component.

One quirk of the original is kept on purpose: re-attaching a word drops its old arc from its old
head's list only when that arc is the list's last, so a stale arc can still count as that head's
nearest child. A document whose decoding does something this loop does not follow (no valid move,
more steps than a parse can take) is parsed by spaCy's component instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import numpy
from numba import njit
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.pipeline import DependencyParser
from spacy.tokens import Doc
from spacy.util import minibatch

from .equivalents import UnsupportedModel, transition_network

PARSER_FEATURES = 8
MOVES = "SDLRB"  # shift, reduce ("D"), left arc, right arc, break: spaCy's move names
SHIFT, REDUCE, LEFT, RIGHT, BREAK = range(len(MOVES))
STEPS_PER_TOKEN = 6  # a parse takes about two moves per word; more means a loop this code does not follow


class DependencyParserEquivalent:
    def __init__(self, original: DependencyParser):
        self.original = original
        self.tok2vec, self.lower, weights, self.output_bias, self.hidden_bias, self.pieces = transition_network(
            original, PARSER_FEATURES)
        self.output_weights = numpy.ascontiguousarray(weights.T)  # hidden x moves: a move's scores in one pass
        kinds, subtoken = [], []
        subtok = original.vocab.strings["subtok"]
        for index in range(original.moves.n_moves):
            kind, _, label = original.moves.get_class_name(index).partition("-")
            if kind not in MOVES:
                raise UnsupportedModel(f"move {kind!r}")
            kinds.append(MOVES.index(kind))
            subtoken.append(bool(label) and original.vocab.strings[label] == subtok)
        self.kinds = numpy.array(kinds, dtype="int8")
        self.subtoken = numpy.array(subtoken, dtype="bool")

    def __call__(self, doc: Doc) -> Doc:
        self.set_parses([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        # spaCy's component sorts each batch by length into quarter batches; so does this one, so
        # that the network's products see the same batches
        for batch in minibatch(docs, batch_size):
            by_length = sorted(batch, key=len)
            for part in minibatch(by_length, max(batch_size // 4, 2)):
                self.set_parses(part)
            yield from batch

    def set_parses(self, docs: list[Doc]) -> None:
        if not any(len(doc) for doc in docs):
            self.original.set_annotations(docs, self.original.moves.init_batch(docs))
            return
        moves, ends, followed = self.decode(docs)
        states = self.original.moves.init_batch(docs)
        transition = self.original.moves.transition
        for index, (state, doc) in enumerate(zip(states, docs)):
            if followed[index]:
                for move in moves[ends[index]:ends[index + 1]].tolist():
                    transition(state, move)
            else:
                states[index] = self.original.predict([doc])[0]
        self.original.set_annotations(docs, states)

    def decode(self, docs: list[Doc]) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """The moves of each document (``moves[ends[i]:ends[i + 1]]``) and whether its decoding was
        followed to the end."""
        lengths = numpy.array([len(doc) for doc in docs], dtype="int64")
        starts = numpy.concatenate([[0], numpy.cumsum(lengths)]).astype("int64")
        # Row 0 of the precomputed features is the padding of a missing feature; token k is row k + 1.
        features = self.lower.predict(self.tok2vec.predict(docs))
        features = numpy.ascontiguousarray(features.reshape(features.shape[0], PARSER_FEATURES, -1), dtype="float32")
        preset = numpy.concatenate([doc.to_array([SENT_START]).reshape(-1) for doc in docs]).astype("int8")
        return greedy_moves(features, self.hidden_bias, self.pieces, self.output_weights, self.output_bias,
                            self.kinds, self.subtoken, starts, preset)


@njit(cache=True, nogil=True)
def greedy_moves(features, hidden_bias, pieces, output_weights, output_bias, kinds, subtoken, starts, preset):
    """For the documents ``starts[i]:starts[i + 1]`` of the batch: the moves spaCy's greedy arc-eager
    decoding makes, each document's end in them, and whether its decoding was followed to the end."""
    documents = len(starts) - 1
    moves = numpy.empty(STEPS_PER_TOKEN * starts[-1] + 2 * documents, dtype=numpy.int64)
    ends = numpy.zeros(documents + 1, dtype=numpy.int64)
    followed = numpy.ones(documents, dtype=numpy.bool_)
    unmaxed = numpy.empty(features.shape[2], dtype=numpy.float32)
    hidden = numpy.empty(output_weights.shape[0], dtype=numpy.float32)
    scores = numpy.empty(len(kinds), dtype=numpy.float32)
    context = numpy.empty(PARSER_FEATURES, dtype=numpy.int64)
    valid = numpy.empty(len(MOVES), dtype=numpy.bool_)  # per kind of move
    longest = numpy.max(starts[1:] - starts[:-1])
    stack = numpy.empty(longest, dtype=numpy.int64)
    rebuffer = numpy.empty(longest, dtype=numpy.int64)  # words put back in front of the buffer, first last
    heads = numpy.empty(longest, dtype=numpy.int64)
    unshiftable = numpy.empty(longest, dtype=numpy.bool_)
    breaks = numpy.empty(longest, dtype=numpy.bool_)  # sentence starts set by a break
    latest = numpy.empty((2, longest), dtype=numpy.int64)  # a head's latest arc on its left, on its right
    arc_child = numpy.empty(STEPS_PER_TOKEN * longest + 2, dtype=numpy.int64)  # arcs in the order made
    arc_before = numpy.empty(STEPS_PER_TOKEN * longest + 2, dtype=numpy.int64)  # the head's arc before it, that side
    written = 0
    for document in range(documents):
        offset, length = starts[document], starts[document + 1] - starts[document]
        sent_start = preset[offset:offset + length]  # 1 a start, -1 no start, 0 for the parser to decide
        heads[:length] = -1
        unshiftable[:length] = False
        breaks[:length] = False
        latest[:, :length] = -1
        depth = rebuffered = next_word = arcs = 0
        budget = STEPS_PER_TOKEN * length + 2
        while depth > 0 or next_word < length or rebuffered > 0:
            if budget == 0:
                followed[document] = False
                break
            budget -= 1
            # the buffer's first two words and the stack's top three
            if rebuffered:
                first = rebuffer[rebuffered - 1]
                second = rebuffer[rebuffered - 2] if rebuffered >= 2 else (next_word if next_word < length else -1)
            else:
                first = next_word if next_word < length else -1
                second = next_word + 1 if next_word + 1 < length else -1
            top = stack[depth - 1] if depth >= 1 else -1
            context[0], context[1], context[2] = first, second, top
            context[3] = stack[depth - 2] if depth >= 2 else -1
            context[4] = stack[depth - 3] if depth >= 3 else -1
            context[5] = nearest_child(latest, arc_child, 0, first)
            context[6] = nearest_child(latest, arc_child, 0, top)
            context[7] = nearest_child(latest, arc_child, 1, top)
            score_moves(features, context, offset, hidden_bias, pieces, output_weights, output_bias, unmaxed, hidden,
                        scores)
            remaining = length - next_word + rebuffered
            first_starts = first >= 0 and (sent_start[first] == 1 or breaks[first])
            second_starts = second >= 0 and (sent_start[second] == 1 or breaks[second])
            valid[SHIFT] = depth == 0 or (remaining >= 2 and not first_starts and not unshiftable[first])
            valid[REDUCE] = depth > 0 and (remaining == 0 or not (depth == 1 and sent_start[first] == -1))
            valid[LEFT] = valid[RIGHT] = depth > 0 and remaining > 0 and not first_starts
            valid[BREAK] = remaining >= 2 and second == first + 1 and not second_starts and sent_start[second] != -1
            guess = -1
            for move in range(len(kinds)):
                allowed = valid[kinds[move]] and (not subtoken[move] or top == first - 1)
                if allowed and (guess == -1 or scores[move] > scores[guess]):
                    guess = move
            if guess == -1:
                followed[document] = False
                break
            moves[written] = guess
            written += 1
            kind = kinds[guess]
            if kind == BREAK:
                breaks[second] = True
            elif kind == LEFT:
                arcs = add_arc(heads, latest, arc_child, arc_before, arcs, first, top)
                unshiftable[first] = False
                depth -= 1
            elif kind == REDUCE:
                depth -= 1
                if heads[top] < 0 and depth > 0:  # back to the buffer, not to be shifted again until a left arc
                    unshiftable[top] = True
                    rebuffer[rebuffered] = top
                    rebuffered += 1
            else:  # shift or right arc: the buffer's first word onto the stack
                if kind == RIGHT:
                    arcs = add_arc(heads, latest, arc_child, arc_before, arcs, top, first)
                if rebuffered:
                    rebuffered -= 1
                else:
                    next_word += 1
                stack[depth] = first
                depth += 1
        ends[document + 1] = written
    return moves[:written], ends, followed


@njit(cache=True, nogil=True, fastmath={"contract"})
def score_moves(features, context, offset, hidden_bias, pieces, output_weights, output_bias, unmaxed, hidden, scores):
    """The network's scores of every move in a state, summed in spaCy's order: the features of the
    context words one by one, then the bias; maxout; output layer."""
    unmaxed[:] = 0
    for feature in range(PARSER_FEATURES):
        row = context[feature] + offset + 1 if context[feature] >= 0 else 0
        for unit in range(len(unmaxed)):
            unmaxed[unit] += features[row, feature, unit]
    for unit in range(len(unmaxed)):
        unmaxed[unit] += hidden_bias[unit]
    for unit in range(len(hidden)):
        best = unmaxed[unit * pieces]
        for piece in range(1, pieces):
            best = max(best, unmaxed[unit * pieces + piece])
        hidden[unit] = best
    scores[:] = 0
    for unit in range(len(hidden)):
        for move in range(len(scores)):
            scores[move] += hidden[unit] * output_weights[unit, move]
    for move in range(len(scores)):
        scores[move] += output_bias[move]


@njit(cache=True, nogil=True)
def nearest_child(latest, arc_child, side, head):
    if head < 0 or latest[side, head] < 0:
        return -1
    return arc_child[latest[side, head]]


@njit(cache=True, nogil=True)
def add_arc(heads, latest, arc_child, arc_before, arcs, head, child):
    """Attach the child (spaCy drops its old arc only when it is the old head's latest on that side,
    see the module's doc); returns the number of arcs made."""
    old = heads[child]
    if old >= 0:
        side = 0 if old > child else 1
        if latest[side, old] >= 0 and arc_child[latest[side, old]] == child:
            latest[side, old] = arc_before[latest[side, old]]
    side = 0 if head > child else 1
    arc_child[arcs] = child
    arc_before[arcs] = latest[side, head]
    latest[side, head] = arcs
    heads[child] = head
    return arcs + 1


@Language.factory("accord_dependency_parser")
def make_dependency_parser(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Built from the pipeline's ``parser``, which the caller then removes."""
    return DependencyParserEquivalent(nlp.get_pipe("parser"))
