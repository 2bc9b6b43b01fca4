"""A YAML front-matter block read: its data, key positions, duplicate keys and alias uses.

Aliases are refused unless allowed: a 300-byte alias bomb must not expand in whatever walks the
data later. Allowed, a graph that would expand past MAX_EXPANDED values is not read either
(merge keys copy what they merge), and a block of more than MAX_NODES nodes is not parsed. A
syntax error is placed and worded by yaml_errors, and what the rest of the block still says is
read by yaml_salvage.
"""

from __future__ import annotations

import yaml

from .model import FrontMatter, FrontMatterError, Pos
from .yaml_errors import locate_error
from .yaml_loader import MAX_NODES, UNBUILT, Loader, positions
from .yaml_salvage import salvage


MAX_EXPANDED = 100_000  # nodes with allowed aliases written out: bounds what construction copies


def parse_yaml(text: str, fm: FrontMatter, allow_aliases: bool) -> None:
    """Fill ``fm`` from its YAML content: data, positions, duplicate keys and alias uses, or the
    syntax error and what the rest of the block still says (``salvage``)."""
    content = text[fm.content_start: fm.content_end]
    base = fm.content_start
    if not content.strip():
        fm.data, fm.root = {}, Pos((base, base), items={})
        return
    loader = Loader(content)
    broken = None  # where a syntax error is: what the rest of the block says is still read
    try:
        node = loader.get_single_node()
        if node is None:
            fm.data, fm.root = {}, Pos((base, base), items={})
            return
        fm.root, count, data = positions(node, base, fm, loader)
        if count > MAX_NODES:
            fm.errors.append(FrontMatterError(
                f"front matter has more than {MAX_NODES} YAML nodes; not parsed", fm.start, fm.content_start))
            return
        if fm.aliases and not allow_aliases:
            return  # the data is not constructed: see yaml-alias
        if fm.aliases and _expanded_size(node, MAX_EXPANDED) > MAX_EXPANDED:
            # merge keys (`<<: *a`) copy what they merge: a few hundred bytes could build millions
            fm.too_big = f"front matter expands to more than {MAX_EXPANDED:,} values through aliases; not read"
            return
        fm.data = loader.construct_document(node) if data is UNBUILT else data
    except yaml.MarkedYAMLError as exc:
        at, message = locate_error(exc, content)
        fm.errors.append(FrontMatterError(message, base + at, min(base + at + 1, fm.content_end)))
        broken = at
    except yaml.YAMLError as exc:
        fm.errors.append(FrontMatterError(f"YAML: {exc}", fm.start, fm.content_start))
    except RecursionError:
        fm.errors.append(FrontMatterError("front matter is nested too deeply to read", fm.start, fm.content_start))
    finally:
        loader.dispose()
    if broken is not None:
        salvage(content, base, broken, fm)


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """How many nodes the graph holds with every alias written out (stops counting past ``limit``).

    Post-order over the node graph, each distinct node once: a node's size is one plus its
    children's, a shared node counted each time it is used. Linear in the distinct nodes.
    """
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if not done and id(node) in sizes:
            continue  # already counted (or on the way: a cycle)
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            sizes[id(node)] = 1
            continue
        if done:
            size = 1 + sum(sizes.get(id(c), 1) for c in children)
            if size > limit:
                return size
            sizes[id(node)] = size
        else:
            sizes[id(node)] = 1  # a cycle (an alias to an ancestor) counts once, not forever
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes.get(id(root), 1)
