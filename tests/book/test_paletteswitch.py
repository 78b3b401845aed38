"""book.paletteswitch: the palette-switch rule narrowed to the elements with transitions."""

from __future__ import annotations

import pytest
import tinycss2

from book import paletteswitch
from book.paletteswitch import last_compound, narrow, transition_targets

MATERIAL_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)


@pytest.mark.parametrize(
    ("selector", "last"),
    [
        (".a", ".a"),
        (".a .b", ".b"),
        (".a>.b", ".b"),
        (".a > .b + .c ~ d", "d"),
        (".md-typeset .tabbed-labels>label:hover", "label:hover"),
        (".a :is(.b .c, .d)", ":is(.b .c, .d)"),
        (".x:not(.y .z)", ".x:not(.y .z)"),
        ("th[role=columnheader]:after", "th[role=columnheader]:after"),
        (".a  ", ".a"),
    ],
)
def test_last_compound(selector: str, last: str) -> None:
    assert last_compound(tinycss2.parse_component_value_list(selector)) == last


def test_targets_count_only_rules_that_give_a_duration() -> None:
    css = """
        .a{transition:color .25s}
        .b{transition-duration:125ms}
        .c{transition-property:color}
        .d{transition:none}
        .e{transition-duration:0s}
        .f{transition:inherit}
        @media (prefers-reduced-motion){*{transition:none!important}}
        @supports (display:grid){.g .h:before{transition:opacity 1s}}
    """
    assert transition_targets([css, MATERIAL_RULE]) == [".a", ".b", ".f", ".h:before"]


def test_narrow_replaces_only_the_switching_rule_also_inside_media() -> None:
    css = f"body{{color:red}}@media screen{{.x{{--c:1}}{MATERIAL_RULE}}}.y{{margin:0}}"
    out = narrow(css, [".a", "li", ".b:after", ".c::before", ".i::placeholder"])
    assert out.startswith("body{color:red}@media screen{.x{--c:1}")
    assert "[data-md-color-switching] :is(.a,li){transition-duration:0s!important}" in out
    assert "[data-md-color-switching] .b:after{transition-duration:0s!important}" in out
    assert "[data-md-color-switching] .c::before{transition-duration:0s!important}" in out
    assert "placeholder" not in out and paletteswitch.UNIVERSAL not in out
    assert out.endswith("}}.y{margin:0}")
    # every rule still parses, and nothing else changed
    assert narrow(out.replace(":is(.a,li)", "*"), ["p"]).count("[data-md-color-switching]") == 3


def test_narrow_refuses_a_stylesheet_without_materials_rule() -> None:
    with pytest.raises(ValueError, match="no rule with the selector"):
        narrow("body{color:red}", [".a"])


def test_narrow_refuses_no_targets() -> None:
    with pytest.raises(ValueError, match="targets is empty"):
        narrow(MATERIAL_RULE, [])


def test_narrow_refuses_a_mixed_rule() -> None:
    with pytest.raises(ValueError, match="mixes other selectors"):
        narrow("[data-md-color-switching] *,.z{transition:none}", [".a"])
