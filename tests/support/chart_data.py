"""The seed report's chart data (real figures), shared by the chart tests."""

from __future__ import annotations

from pathlib import Path

from docgen.model import Chart, Series

MONTHS = ("April", "May", "Jun", "July", "Aug", "Sept", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar")
DOMESTIC_ABUSE = Chart(
    name="domestic_abuse",
    type="line",
    title="Domestic abuse crimes by month",
    categories=MONTHS,
    series=(
        Series(
            "2017/18",
            (986, 1096, 1050, 1201, 1127, 1073, 1077, 1124, 1307, 1381, 1449, 1519),
            "#,##0",
        ),
        Series(
            "2018/19",
            (1604, 1940, 1937, 2203, 2211, 2096, 2115, 1821, 1445, 1331, 1422, 1747),
            "#,##0",
        ),
        Series("2019/20", (1730, 1670, 1717, 1759, 1680, 1176, *(None,) * 6), "#,##0"),
    ),
    x_title="Month",
    y_title="Crimes",
)
YEARS = tuple(f"{year}/{(year + 1) % 100:02d}" for year in range(2010, 2019))
KNIFE_CRIME = Chart(
    name="knife_crime",
    type="column",
    title="Knife crimes per 100k population, Most Similar Group",
    categories=YEARS,
    series=(
        Series("W Yorks", (59, 50, 49, 51, 54, 65, 84, 107, 116)),
        Series("Notts", (51, 49, 47, 53, 49, 51, 65, 71, 78)),
        Series("Lancashire", (45, 46, 40, 44, 40, 42, 55, 58, 77)),
    ),
    x_title="Year",
    y_title="Crimes per 100,000 population",
    alt_text="Knife crime rose in all three forces; West Yorkshire rose most, to 116.",
)


def many_series(count: int, kind: str = "line") -> Chart:
    """Return a chart of `kind` with `count` series over three years, each a little higher."""
    return Chart(
        name=f"{count}_series",
        type=kind,  # type: ignore[arg-type]
        title=f"{count} series",
        categories=YEARS[:3],
        series=tuple(Series(f"Force {n + 1}", (n + 1.0, n + 2.0, n + 1.5)) for n in range(count)),
    )


def chart_parts(docx: Path) -> list[bytes]:
    """Return the XML of every chart part the main document of the .docx at `docx` relates."""
    from docx import Document

    rt_chart = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
    rels = Document(str(docx)).part.rels.values()
    return [rel.target_part.blob for rel in rels if rel.reltype == rt_chart]


def example_knife_crime(docx: Path) -> bytes:
    """Return the chart part XML of the example report's knife-crime chart."""
    (xml,) = [xml for xml in chart_parts(docx) if b"Knife crime" in xml]
    return xml
