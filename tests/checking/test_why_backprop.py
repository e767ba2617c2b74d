"""why_backprop: pass counts, agreement of the two methods, and the plot."""

import pytest

from nn import why_backprop

SIZES = [(2,), (3, 2), (4, 4, 3)]


@pytest.fixture(scope="module")
def results():
    return why_backprop.measure(SIZES, seed=0)


def test_parameter_counts(results):
    # nin = 2: (2 + 1) * 2; (2 + 1) * 3 + (3 + 1) * 2; (2 + 1) * 4 + (4 + 1) * 4 + (4 + 1) * 3.
    assert [m.parameters for m in results] == [6, 17, 47]


def test_finite_difference_passes(results):
    for m in results:
        assert m.finite_difference_passes == m.parameters + 1


def test_backprop_passes(results):
    for m in results:
        assert m.backprop_passes == 2


def test_methods_agree(results):
    # A one-sided difference with eps = 1e-6 has an error of order eps.
    for m in results:
        assert m.max_difference < 1e-5


def test_growth_rates_need_two_rows(results):
    with pytest.raises(ValueError, match=r"growth_rates needs at least 2 measurements, got 1"):
        why_backprop.growth_rates(results[:1])


def test_growth_rate_of_exact_powers():
    rows = [why_backprop.Measurement((1,), n, n + 1, 1e-6 * n * n, 2, 1e-6 * n, 0.0)
            for n in (10, 100, 1000)]
    fd, bp = why_backprop.growth_rates(rows)
    assert fd == pytest.approx(2.0)
    assert bp == pytest.approx(1.0)


def test_crossover_of_made_up_rows():
    rows = [why_backprop.Measurement((1,), n, n + 1, fd, 2, 1.0, 0.0)
            for n, fd in ((2, 0.5), (5, 2.0), (9, 0.9), (20, 3.0))]
    assert why_backprop.crossover(rows) == 20


def test_table_lists_every_row(results):
    assert len(why_backprop.format_table(results).splitlines()) == len(SIZES) + 2


def test_plot_saved(results, tmp_path):
    path = tmp_path / "plot.png"
    why_backprop.plot(results, str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
