"""The Run bars are written into the pages at build time (book/runbar.py)."""

from __future__ import annotations

import doctest

from book import runbar


def test_docstring_examples_run() -> None:
    result = doctest.testmod(runbar)
    assert result.attempted >= 3 and result.failed == 0


def test_each_block_gets_its_number_and_the_page_language() -> None:
    block = '<div class="gd-run highlight" data-session="ch0{k}"><pre>x</pre></div>'
    page = '<html lang="ko" class="no-js"><body>' + "".join(block.format(k=k) for k in (1, 2, 2))
    out = runbar.add_run_bars(page)
    for number in (1, 2, 3):
        bar = runbar.bar(number, "ko")
        assert bar in out and f'aria-label="예제 {number}: 코드를 실행하거나 편집"' in bar
        assert out.index(bar) < out.index(block.format(k=(1, 2, 2)[number - 1]), out.index(bar))
    assert out.count("<button") == 12 and out.count(" disabled>") == 9  # Stop is hidden instead
    assert 'data-example="4"' not in out


def test_only_executed_blocks_get_a_bar_and_english_is_the_fallback() -> None:
    page = (
        '<html lang="fr"><div class="highlight"><pre>output</pre></div>'
        '<div class="gd-run-result"></div><div class="gd-run highlight" data-session="s">'
    )
    out = runbar.add_run_bars(page)
    assert out.count('class="gd-run-bar"') == 1 and ">Run</button>" in out
