"""Material's palette switch, without restyling every element of the page twice.

While it changes the colour palette, Material sets ``data-md-color-switching`` on
``<body>`` and removes it a frame later, with this rule in its palette stylesheet::

    [data-md-color-switching] *,
    [data-md-color-switching] :after,
    [data-md-color-switching] :before { transition-duration: 0s !important }

It does so on every page load too (the palette's first value). A ``*`` below an attribute
tells the browser that any element may change when the attribute does, so both changes
restyle the whole document; Chromium's traces show each of them at 12,095 elements on a
notebook page and 90-190 ms of style work on this machine without throttling (four times
that on Lighthouse's phone), most of the style work Material's script causes there.

The rule only needs to reach the elements that have a transition. :func:`narrow` replaces
``*`` by the last compound selector of every rule in the site's stylesheets that declares a
``transition`` (``[data-md-color-switching] .md-nav__link``, ...): an element that gets a
transition from a rule matches that rule's last compound, so every element the original
rule affected in a way that shows is still reached, and the browser now restyles only
elements with those classes or tags (measured: five full restyles of a notebook page at
load become three; the other three come from Material's ``<meta name="color-scheme">``,
which Chromium answers by restyling everything). Pseudo-elements other than ``:after`` and
``:before`` are left out: the original rule never reached them, and naming one
(``::placeholder``) makes Chromium restyle the whole page again. ``tests/site/browser/test_palette_switch.py`` checks in
a browser that with the attribute set no element or pseudo-element has a transition left.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import tinycss2
from tinycss2 import ast

from book.cssprune import selector_list

ATTRIBUTE = "data-md-color-switching"
UNIVERSAL = f"[{ATTRIBUTE}] *"
GROUPS = ("media", "supports", "layer", "container")
"""At-rules whose block holds rules (searched and rewritten like the top level)."""


def _rules(nodes: Iterable[ast.Node]) -> Iterator[ast.QualifiedRule]:
    for node in nodes:
        if isinstance(node, ast.QualifiedRule):
            yield node
        elif (
            isinstance(node, ast.AtRule)
            and node.content is not None
            and node.lower_at_keyword in GROUPS
        ):
            yield from _rules(
                tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)
            )


def last_compound(selector: list[ast.Node]) -> str:
    """The last compound selector of a complex selector (its tokens), as text.

    Examples
    --------
    >>> def last(text):
    ...     return last_compound(tinycss2.parse_component_value_list(text))
    >>> last(".md-nav .md-nav__link:is(:hover, :focus)"), last("a > b~.c:after"), last(".x")
    ('.md-nav__link:is(:hover, :focus)', '.c:after', '.x')
    """
    tokens = list(selector)
    while tokens and isinstance(tokens[-1], ast.WhitespaceToken):
        tokens.pop()
    start = 0
    for index, token in enumerate(tokens):
        if isinstance(token, ast.WhitespaceToken) or (
            isinstance(token, ast.LiteralToken) and token.value in (">", "+", "~")
        ):
            start = index + 1
    return tinycss2.serialize(tokens[start:]).strip()


NO_DURATION = frozenset({"none", "0", "0s", "0ms", "initial"})


def _gives_duration(declaration: ast.Node) -> bool:
    if not isinstance(declaration, ast.Declaration):
        return False
    if declaration.lower_name not in ("transition", "transition-duration"):
        return False
    return tinycss2.serialize(declaration.value).strip().lower() not in NO_DURATION


def transition_targets(stylesheets: Iterable[str]) -> list[str]:
    """The last compounds of the selectors of every rule that declares a transition.

    Sorted and without repeats. A rule counts when it sets ``transition`` or
    ``transition-duration`` to anything but ``none`` or zero (the other ``transition-*``
    properties do nothing without a duration); the palette's own switching rule does not.

    Examples
    --------
    >>> transition_targets([".a .b:hover{transition:color .2s} .c{color:red}",
    ...                     "@media screen{p>em,.d:before{transition-duration:1s}}",
    ...                     "@media (prefers-reduced-motion){*{transition:none!important}}",
    ...                     "[data-md-color-switching] *{transition-duration:0s}"])
    ['.b:hover', '.d:before', 'em']
    """
    targets: set[str] = set()
    for css in stylesheets:
        parsed = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
        for rule in _rules(parsed):
            declarations = tinycss2.parse_declaration_list(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            if any(_gives_duration(d) for d in declarations):
                targets.update(
                    last_compound(s)
                    for s in selector_list(rule.prelude)
                    if not tinycss2.serialize(s).strip().startswith(f"[{ATTRIBUTE}]")
                )
    targets.discard("")
    return sorted(targets)


PSEUDO_ELEMENT = re.compile(r"::|:(?:after|before|first-line|first-letter)\b", re.IGNORECASE)
AFTER_BEFORE = re.compile(r"::?(?:after|before)\b", re.IGNORECASE)
"""The pseudo-elements Material's rule reaches (``:after``, ``:before``). Others
(``::placeholder``) it never reached, and naming one makes Chromium restyle the whole
page again when the attribute changes, so they are left out."""


def narrow(palette_css: str, targets: Iterable[str]) -> str:
    """Replace Material's ``[data-md-color-switching] *`` rule by one naming ``targets``.

    The targets without a pseudo-element go into one ``:is()``, which ignores a selector
    the browser does not know; each target with ``:after`` or ``:before`` (not allowed
    inside ``:is()``) gets a rule of its own. Targets with other pseudo-elements are left
    out: ``*``, ``:after`` and ``:before`` never matched them.

    Raises
    ------
    ValueError
        If ``palette_css`` has no such rule (a Material release that changed it: the
        replacement would then be wrong, so the build stops), or ``targets`` is empty.

    Examples
    --------
    >>> css = ("[data-md-color-switching] *,[data-md-color-switching] :after,"
    ...        "[data-md-color-switching] :before{transition-duration:0s!important}"
    ...        "body{color:red}")
    >>> print(narrow(css, [".a", ".b:after", "p", ".i::placeholder"]).replace("}", "}\\n"))
    [data-md-color-switching] :is(.a,p){transition-duration:0s!important}
    [data-md-color-switching] .b:after{transition-duration:0s!important}
    body{color:red}
    <BLANKLINE>
    """
    names = sorted(set(targets))
    if not names:
        raise ValueError(
            "paletteswitch.narrow: targets is empty; expected the last compound selectors "
            "of the rules that declare a transition"
        )
    rules = tinycss2.parse_stylesheet(palette_css, skip_comments=True, skip_whitespace=False)
    text, found = _rewrite(rules, names)
    if not found:
        raise ValueError(
            f"paletteswitch.narrow: no rule with the selector {UNIVERSAL!r} in the palette "
            "stylesheet; Material changed how it switches palettes, so "
            "book/paletteswitch.py must be checked against it"
        )
    return text.strip()


def _rewrite(nodes: Iterable[ast.Node], names: list[str]) -> tuple[str, bool]:
    """Serialize ``nodes`` with the switching rule narrowed, also inside @media blocks."""
    out: list[str] = []
    found = False
    for node in nodes:
        if isinstance(node, ast.QualifiedRule):
            selectors = [tinycss2.serialize(s).strip() for s in selector_list(node.prelude)]
            if UNIVERSAL in selectors:
                if not all(s.startswith(f"[{ATTRIBUTE}] ") for s in selectors):
                    raise ValueError(
                        f"paletteswitch.narrow: the rule {','.join(selectors)!r} mixes other "
                        f"selectors with {UNIVERSAL!r}; expected only [{ATTRIBUTE}] selectors"
                    )
                found = True
                body = tinycss2.serialize(node.content).strip()
                plain = [name for name in names if not PSEUDO_ELEMENT.search(name)]
                if plain:
                    out.append(f"[{ATTRIBUTE}] :is({','.join(plain)}){{{body}}}")
                out.extend(
                    f"[{ATTRIBUTE}] {name}{{{body}}}" for name in names if AFTER_BEFORE.search(name)
                )
                continue
        elif (
            isinstance(node, ast.AtRule)
            and node.content is not None
            and node.lower_at_keyword in GROUPS
        ):
            inner = tinycss2.parse_rule_list(node.content, skip_comments=True)
            body, inside = _rewrite(inner, names)
            if inside:
                found = True
                out.append(f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}{{{body}}}")
                continue
        out.append(tinycss2.serialize([node]))
    return "".join(out), found


__all__ = ["ATTRIBUTE", "last_compound", "narrow", "transition_targets"]
