#!/usr/bin/env python3
"""Fails when an import in Sources/ points the wrong way (`make check-layers`).

Reads the layer table (scripts/layers.txt) and the `import` lines of every
Swift file under Sources/<Module>/; an import of a listed module from a
module of the same or a lower layer, an import the table forbids, or a
module folder the table does not list is reported, one line each, and the
exit status is 1. Imports of modules outside the table (Foundation,
Dispatch, Glibc) are not checked. Usage:

    check_layers.py [--sources DIR] [--table FILE] [--readme FILE] [--graph]

--graph prints the module graph instead (one line per module and what it
imports); README.md's "Module graph" block must equal it (checked unless
--readme is empty).
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
IMPORT = re.compile(r"^\s*(?:@\w+\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?"
                    r"import\s+(?:(?:struct|class|enum|protocol|typealias|func|var|let)\s+)?([A-Za-z_][A-Za-z0-9_]*)")


def read_table(path):
    layers, never = {}, set()
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            key, _, rest = line.partition(":")
            words = rest.split()
            if key.strip() == "never" and len(words) == 2:
                never.add(tuple(words))
            elif key.strip().isdigit() and words:
                for module in words:
                    layers[module] = int(key)
            else:
                sys.exit(f"{path}:{number}: not 'LAYER: MODULES' or 'never: MODULE IMPORT': {line}")
    return layers, never


def read_imports(sources):
    """{module folder: {imported module: first 'file:line' importing it}}."""
    graph = {}
    for module in sorted(os.listdir(sources)):
        root = os.path.join(sources, module)
        if not os.path.isdir(root):
            continue
        imports = graph.setdefault(module, {})
        for folder, _, files in sorted(os.walk(root)):
            for name in sorted(files):
                if not name.endswith(".swift"):
                    continue
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        match = IMPORT.match(line)
                        if match:
                            imports.setdefault(match.group(1), f"{os.path.relpath(path, sources)}:{number}")
    return graph


def graph_lines(graph, layers):
    """One line per module with Swift files and the listed modules it imports, lowest layer first."""
    lines = []
    for module in sorted(graph, key=lambda m: (layers.get(m, 99), m)):
        if not graph[module] and module in layers and layers[module] == 0:
            continue
        listed = sorted(m for m in graph[module] if m in layers)
        lines.append(f"{module} (layer {layers.get(module, '?')}): {', '.join(listed) or '-'}")
    return lines


def readme_graph(path):
    """The lines of the ```text block under README's "## Module graph"."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    _, found, rest = text.partition("## Module graph")
    if not found or "```text" not in rest:
        return None
    return rest.split("```text", 1)[1].split("```", 1)[0].strip().splitlines()


def problems(graph, layers, never):
    found = []
    for module, imports in graph.items():
        if module not in layers:
            found.append(f"Sources/{module}: not in the layer table (add it to scripts/layers.txt)")
            continue
        for imported, where in sorted(imports.items()):
            if (module, imported) in never:
                found.append(f"Sources/{where}: {module} must not import {imported}")
            elif imported in layers and layers[imported] >= layers[module]:
                relation = "beside it" if layers[imported] == layers[module] else "above it"
                found.append(f"Sources/{where}: {module} (layer {layers[module]}) imports {imported} "
                             f"(layer {layers[imported]}, {relation})")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", default=os.path.join(HERE, "..", "Sources"))
    parser.add_argument("--table", default=os.path.join(HERE, "layers.txt"))
    parser.add_argument("--readme", default=os.path.join(HERE, "..", "README.md"))
    parser.add_argument("--graph", action="store_true")
    arguments = parser.parse_args()
    layers, never = read_table(arguments.table)
    graph = read_imports(arguments.sources)
    lines = graph_lines(graph, layers)
    if arguments.graph:
        print("\n".join(lines))
        return 0
    found = problems(graph, layers, never)
    if arguments.readme and readme_graph(arguments.readme) != lines:
        found.append(f"{os.path.relpath(arguments.readme)}: its \"Module graph\" block is not the graph of the "
                     "imports; replace it with the output of scripts/check_layers.py --graph")
    for line in found:
        print(line, file=sys.stderr)
    if found:
        print(f"check-layers: {len(found)} import(s) point the wrong way", file=sys.stderr)
        return 1
    print(f"check-layers: {len(graph)} modules, every import points down the layers of {os.path.relpath(arguments.table)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
