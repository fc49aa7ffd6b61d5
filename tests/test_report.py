from corpuskit.pipeline.report import _time_axis, render_html


def test_time_axis_fills_empty_months():
    """Months without articles appear with zero, so the axis is continuous."""
    assert [("2020-11", 1), ("2020-12", 0), ("2021-01", 3)] == _time_axis(
        {"2020-11": 1, "2021-01": 3}
    )


def test_time_axis_goes_yearly_over_thirty_years():
    """Over thirty years of months, bars count years instead."""
    axis = _time_axis({"1950-01": 2, "1950-06": 1, "2000-03": 4})
    assert ("1950", 3) == axis[0]
    assert ("2000", 4) == axis[-1]
    assert 51 == len(axis)


def test_html_escapes_what_it_shows():
    """Titles, paths and messages are escaped: a report never runs script from the data."""
    data = {
        "counts": {"read": 1, "written": 0, "dropped": {}, "failed": 1},
        "accounting": "1 read = 0 written + 0 dropped + 1 failed",
        "started": "now",
        "corpuskit": "0",
        "elapsed_seconds": 0.0,
        "output": "<script>x</script>",
        "figures": {"articles_per_month": {}, "text_length_buckets": {}},
        "steps": [],
        "failures": [{"path": "<b>.txt", "line": 1, "message": "<img src=x onerror=alert(1)>"}],
    }
    page = render_html(data)
    assert "<script>x" not in page
    assert "<img" not in page
    assert "&lt;img src=x" in page
