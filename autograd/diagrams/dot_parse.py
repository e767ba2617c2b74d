"""Read nodes and edges back from the DOT lines that the ``graphviz`` package writes.

This is a small tokeniser for the statements that diagrams contain, one
per line: ``id [attrs]``, ``tail -> head [attrs]``, attribute statements,
and ``subgraph`` braces. Tests and doctests use it to check a diagram's
structure without matching substrings.
"""

from __future__ import annotations

import re
from typing import Dict, Iterable, List, Tuple

__all__ = ["parse_body"]

_TOKEN = re.compile(
    r'\s*(?:(?P<quoted>"(?:[^"\\]|\\.)*")|(?P<arrow>->)|(?P<punct>[\[\]=;,{}])'
    r'|(?P<word>[^\s\[\]=;,{}"]+))',
    re.DOTALL,
)


def _tokens(line: str) -> List[str]:
    tokens = []
    position = 0
    text = line.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise ValueError(f"cannot read DOT statement {line!r} at column {position}")
        quoted = match.group("quoted")
        if quoted is not None:
            tokens.append(quoted[1:-1].replace('\\"', '"'))
        else:
            tokens.append(match.group(match.lastgroup))
        position = match.end()
    return tokens


def _attributes(tokens: List[str]) -> Dict[str, str]:
    attrs = {}
    index = 0
    while index + 2 < len(tokens):
        if tokens[index + 1] == "=":
            attrs[tokens[index]] = tokens[index + 2]
            index += 3
        else:
            index += 1
    return attrs


def parse_body(lines: Iterable[str]) -> Tuple[Dict[str, Dict[str, str]], List[Dict[str, str]]]:
    """Return (nodes by id, edges in order) from a Digraph's ``body`` lines.

    Each edge is a dict of its attributes plus ``tail`` and ``head``.
    Statements inside subgraphs count as well, and a node gets the
    defaults of the ``node [...]`` statements in force where it appears.

    >>> import graphviz
    >>> d = graphviz.Digraph()
    >>> d.node("a", label='say "hi"')
    >>> d.edge("a", "b", label="3.00", fontcolor="green")
    >>> parse_body(d.body)
    ({'a': {'label': 'say "hi"'}}, [{'label': '3.00', 'fontcolor': 'green', 'tail': 'a', 'head': 'b'}])
    """
    nodes: Dict[str, Dict[str, str]] = {}
    edges: List[Dict[str, str]] = []
    defaults: List[Dict[str, str]] = [{}]
    for line in lines:
        tokens = _tokens(line)
        if not tokens:
            continue
        if tokens[0] == "subgraph":
            defaults.append(dict(defaults[-1]))
            continue
        if tokens[0] == "}":
            defaults.pop()
            continue
        if tokens[0] == "node":
            defaults[-1].update(_attributes(tokens[2:-1]))
            continue
        if tokens[0] in ("graph", "edge"):
            continue
        if len(tokens) > 1 and tokens[1] == "=":
            continue

        bracket = tokens.index("[") if "[" in tokens else len(tokens)
        head_tokens, attrs = tokens[:bracket], _attributes(tokens[bracket + 1:-1])
        if len(head_tokens) == 3 and head_tokens[1] == "->":
            edges.append({**attrs, "tail": head_tokens[0], "head": head_tokens[2]})
        elif len(head_tokens) == 1:
            nodes[head_tokens[0]] = {**defaults[-1], **attrs}
    return nodes, edges
