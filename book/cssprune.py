"""Keep only the CSS a page can use: rules whose selectors can match its markup.

The notebook pages carried JupyterLab's whole stylesheet inline (575 KB: every widget,
icon and theme variable of the JupyterLab application), of which a rendered notebook uses
about 2 %. :func:`prune` removes

- every selector that names a class, an element or an attribute the page does not have
  (``.jp-Toolbar``, ``dialog``, ``[data-jp-theme-scrollbars]``), and a rule with none left;
- selectors that cannot match in a page: ``:root``, ``html`` or ``body`` after a combinator
  (``.jupyter-wrapper :root`` holds 80 KB of icons as data URIs);
- custom properties (``--jp-...``) that no kept declaration uses, directly or through other
  custom properties, nor any other stylesheet of the page (``referenced``);
- ``@keyframes`` that no kept declaration animates with.

The test is conservative: what is inside a functional pseudo-class (``:not(.a)``,
``:is(.a, .b)``) is never required, state pseudo-classes (``:hover``) are kept, and ids are
not checked, so a rule is dropped only when it cannot match the page as built. A script
that adds classes later would need them in ``markup``; the notebook pages have none.
``tests/site/browser/test_notebook_pages.py`` checks in a browser that every element of a
notebook page has the same computed style with the pruned and with the whole stylesheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import tinycss2
from tinycss2 import ast

CLASS_ATTRIBUTE = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)')""")
TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
ATTRIBUTE = re.compile(r"""\s([a-zA-Z_:][-\w:.]*)\s*=""")
VAR = re.compile(r"var\(\s*(--[-\w]+)")
NEVER_BELOW = frozenset({"html", "body", "root"})
"""Element and pseudo-class names that match only the document's root element or body."""


@dataclass(frozen=True)
class Markup:
    """The class names, element names and attribute names that occur in a page.

    Examples
    --------
    >>> m = Markup.of('<div class="a b"><img data-x="1" alt=""></div>')
    >>> sorted(m.classes), sorted(m.tags), sorted(m.attributes)
    (['a', 'b'], ['div', 'img'], ['alt', 'class', 'data-x'])
    """

    classes: frozenset[str]
    tags: frozenset[str]
    attributes: frozenset[str]

    @classmethod
    def of(cls, html: str) -> Markup:
        """Collect the names used by ``html`` (tags and attribute names in lower case)."""
        classes = {
            name
            for match in CLASS_ATTRIBUTE.finditer(html)
            for name in (match[1] if match[1] is not None else match[2]).split()
        }
        tags = {tag.lower() for tag in TAG.findall(html)}
        attributes = {name.lower() for name in ATTRIBUTE.findall(html)}
        return cls(frozenset(classes), frozenset(tags), frozenset(attributes))


def custom_properties_used(text: str) -> frozenset[str]:
    """Return every custom property that ``text`` (CSS or HTML) reads with ``var()``.

    Examples
    --------
    >>> sorted(custom_properties_used("a{color:var(--x, var(--y))}"))
    ['--x', '--y']
    """
    return frozenset(VAR.findall(text))


def selector_list(prelude: list[ast.Node]) -> Iterator[list[ast.Node]]:
    """Split a rule's prelude on its top-level commas (those inside ``:is()`` are nested)."""
    current: list[ast.Node] = []
    for token in prelude:
        if isinstance(token, ast.LiteralToken) and token.value == ",":
            yield current
            current = []
        elif not isinstance(token, ast.Comment):
            current.append(token)
    yield current


def can_match(selector: list[ast.Node], markup: Markup) -> bool:
    """Whether a complex selector (its tokens) may match an element of ``markup``.

    Examples
    --------
    >>> m = Markup.of('<p class="a">')
    >>> def check(text):
    ...     return can_match(tinycss2.parse_component_value_list(text), m)
    >>> check(".a:hover"), check("p.a:not(.zz)"), check(".b"), check("span"), check(".a :root")
    (True, True, False, False, False)
    """
    compound = 0  # how many combinators precede the token
    previous: ast.Node | None = None
    for token in selector:
        if isinstance(token, ast.WhitespaceToken) or (
            isinstance(token, ast.LiteralToken) and token.value in (">", "+", "~")
        ):
            if previous is not None:
                compound += 1
        elif isinstance(token, ast.IdentToken):
            marker = previous.value if isinstance(previous, ast.LiteralToken) else None
            name = token.lower_value
            if marker == ".":
                if token.value not in markup.classes:
                    return False
            elif marker == ":":
                if name in NEVER_BELOW and compound > 0:
                    return False
            elif marker != "::":
                if name in NEVER_BELOW:
                    if compound > 0:
                        return False
                elif name not in markup.tags:
                    return False
        elif isinstance(token, ast.SquareBracketsBlock):
            names = [part for part in token.content if isinstance(part, ast.IdentToken)]
            if names and names[0].lower_value not in markup.attributes:
                return False
        previous = token
    return True


@dataclass
class _Rule:
    selectors: str
    declarations: list[ast.Declaration]


@dataclass
class _Group:
    head: str  # "@media (...)" or "@supports (...)"
    body: list[_Rule | _Group | ast.AtRule]


def _serialize(nodes: Iterable[ast.Node]) -> str:
    return tinycss2.serialize(list(nodes)).strip()


def _select(rules: Iterable[ast.Node], markup: Markup) -> list[_Rule | _Group | ast.AtRule]:
    kept: list[_Rule | _Group | ast.AtRule] = []
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            selectors = [
                _serialize(selector)
                for selector in selector_list(rule.prelude)
                if can_match(selector, markup)
            ]
            if selectors:
                declarations = tinycss2.parse_declaration_list(
                    rule.content, skip_comments=True, skip_whitespace=True
                )
                kept.append(
                    _Rule(
                        ",".join(selectors),
                        [d for d in declarations if isinstance(d, ast.Declaration)],
                    )
                )
        elif isinstance(rule, ast.AtRule):
            if rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
                inner = tinycss2.parse_rule_list(
                    rule.content, skip_comments=True, skip_whitespace=True
                )
                body = _select(inner, markup)
                if body:
                    kept.append(_Group(f"@{rule.at_keyword} {_serialize(rule.prelude)}", body))
            elif rule.lower_at_keyword != "charset":
                kept.append(rule)
    return kept


def _walk(items: list[_Rule | _Group | ast.AtRule]) -> Iterator[_Rule]:
    for item in items:
        if isinstance(item, _Group):
            yield from _walk(item.body)
        elif isinstance(item, _Rule):
            yield item


def _reachable(rules: list[_Rule], referenced: frozenset[str]) -> frozenset[str]:
    """Custom properties read by the kept declarations or ``referenced``, transitively."""
    definitions: dict[str, list[str]] = {}
    wanted = set(referenced)
    for rule in rules:
        for declaration in rule.declarations:
            value = _serialize(declaration.value)
            if declaration.name.startswith("--"):
                definitions.setdefault(declaration.name, []).append(value)
            else:
                wanted |= custom_properties_used(value)
    queue = list(wanted)
    while queue:
        for value in definitions.get(queue.pop(), []):
            for name in custom_properties_used(value) - wanted:
                wanted.add(name)
                queue.append(name)
    return frozenset(wanted)


def _animations(rules: list[_Rule]) -> frozenset[str]:
    return frozenset(
        word
        for rule in rules
        for declaration in rule.declarations
        if "animation" in declaration.lower_name
        for word in re.findall(r"[-\w]+", _serialize(declaration.value))
    )


def _emit(
    items: list[_Rule | _Group | ast.AtRule], properties: frozenset[str], animations: frozenset[str]
) -> str:
    out: list[str] = []
    for item in items:
        if isinstance(item, _Group):
            body = _emit(item.body, properties, animations)
            if body:
                out.append(f"{item.head}{{{body}}}")
        elif isinstance(item, _Rule):
            declarations = [
                f"{d.name}:{_serialize(d.value)}{'!important' if d.important else ''}"
                for d in item.declarations
                if not d.name.startswith("--") or d.name in properties
            ]
            if declarations:
                out.append(f"{item.selectors}{{{';'.join(declarations)}}}")
        elif item.lower_at_keyword.endswith("keyframes"):
            if _serialize(item.prelude) in animations:
                out.append(tinycss2.serialize([item]).strip())
        else:
            out.append(tinycss2.serialize([item]).strip())
    return "".join(out)


def prune(css: str, markup: Markup, *, referenced: frozenset[str] = frozenset()) -> str:
    """Return the rules of ``css`` that can apply to ``markup``, minified.

    Parameters
    ----------
    css : str
        A stylesheet.
    markup : Markup
        The names used by the page the stylesheet is for.
    referenced : frozenset of str
        Custom properties read elsewhere (the page's other stylesheets, ``style``
        attributes): their definitions here are kept.

    Examples
    --------
    >>> css = (".a{color:var(--c)} .z{color:red} .w{--c:blue;--d:1px} "
    ...        "@media (min-width:1px){.a p,.z{margin:0}} @keyframes spin{}")
    >>> prune(css, Markup.of('<div class="a w"><p>'))
    '.a{color:var(--c)}.w{--c:blue}@media (min-width:1px){.a p{margin:0}}'
    """
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    kept = _select(rules, markup)
    flat = list(_walk(kept))
    return _emit(kept, _reachable(flat, referenced), _animations(flat))


__all__ = ["Markup", "can_match", "custom_properties_used", "prune", "selector_list"]
