"""A one-page report to share: self-contained HTML (inline CSS and SVG, no network) or Markdown."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

from helpcoach.packs.library import Library
from helpcoach.store.stats import Stats
from helpcoach.ui.checkin_view import strategy_title

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;
color:#1f2933;line-height:1.5;background:#fdfcfa}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #e4e7eb}
.muted{color:#616e7c}.chart{width:100%;height:auto}ul{padding-left:1.2rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eef0f2}
.focus{background:#e8f4ec;border-radius:.5rem;padding:.75rem 1rem}
@media print{body{margin:0}}
"""


@dataclass
class ReportData:
    """What the report shows: the stats, the check-ins in the period, the current focus."""

    stats: Stats
    checkins: list[dict[str, Any]]
    focus: str | None
    child: str | None
    generated: str
    urgent: list[tuple[str, str]] = field(default_factory=list)  # (when, strategy id) of urgent moments


def _urgent(data: ReportData, library: Library) -> list[str]:
    return [f"{when[:10]}: {library.urgent_title(sid) or sid}" for when, sid in data.urgent]


def _wins(data: ReportData) -> list[str]:
    return [w for c in data.checkins for w in c.get("wins", [])]


def _helped(data: ReportData) -> list[str]:
    return [c["helped"] for c in data.checkins if c.get("helped")]


def _title(data: ReportData) -> str:
    who = f" for {data.child}" if data.child else ""
    return f"helpcoach report{who}: the last {len(data.stats.weeks)} weeks"


def _bar_chart(data: ReportData) -> str:
    weeks = data.stats.weeks
    top = max((w.moments for w in weeks), default=0) or 1
    width, height, pad = 600, 180, 24
    step = (width - 2 * pad) / max(len(weeks), 1)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height + 40}" role="img" '
        'aria-label="Tough moments per week, with the part that went well">'
    ]
    for i, week in enumerate(weeks):
        x = pad + i * step + step * 0.15
        w = step * 0.7
        h = week.moments / top * height
        well = week.went_well / top * height
        parts.append(
            f'<rect x="{x:.1f}" y="{height - h + 10:.1f}" width="{w:.1f}" height="{h:.1f}" fill="#cbd2d9">'
            f"<title>{escape(week.start)}: {week.moments} tough moments</title></rect>"
        )
        parts.append(
            f'<rect x="{x:.1f}" y="{height - well + 10:.1f}" width="{w:.1f}" height="{well:.1f}" fill="#3f9c6b">'
            f"<title>{week.went_well} went well</title></rect>"
        )
        parts.append(
            f'<text x="{x + w / 2:.1f}" y="{height + 28}" font-size="11" text-anchor="middle" fill="#616e7c">'
            f"{escape(week.start[5:])}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _rating_chart(data: ReportData) -> str:
    weeks = data.stats.weeks
    width, height, pad = 600, 100, 24
    step = (width - 2 * pad) / max(len(weeks) - 1, 1)
    points = [(pad + i * step, 10 + (5 - w.rating) / 4 * height) for i, w in enumerate(weeks) if w.rating is not None]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#2680c2"/>' for x, y in points)
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height + 20}" role="img" aria-label="How each week felt, 1 to 5">'
        f'<line x1="{pad}" y1="10" x2="{width - pad}" y2="10" stroke="#eef0f2"/>'
        f'<line x1="{pad}" y1="{height + 10}" x2="{width - pad}" y2="{height + 10}" stroke="#eef0f2"/>'
        f'<polyline points="{line}" fill="none" stroke="#2680c2" stroke-width="2"/>{dots}</svg>'
    )


def _list(items: list[str], empty: str) -> str:
    if not items:
        return f'<p class="muted">{escape(empty)}</p>'
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def render_html(data: ReportData, library: Library) -> str:
    """The report as one self-contained HTML page."""
    stats = data.stats
    rows = "".join(
        f"<tr><td>{escape(strategy_title(library, s.strategy_id))}</td><td>{s.helped} of {s.tried} helped</td></tr>"
        for s in stats.strategies[:10]
    )
    focus = (
        f'<p class="focus">Focus now: <strong>{escape(strategy_title(library, data.focus))}</strong></p>'
        if data.focus
        else '<p class="muted">No focus chosen yet.</p>'
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(_title(data))}</title><style>{CSS}</style></head>
<body>
<h1>{escape(_title(data))}</h1>
<p class="muted">Made {escape(data.generated)} with helpcoach. Check-in streak: {_weeks(stats.streak)} in a row.</p>
{_urgent_html(data, library)}<h2>Tough moments per week</h2>
<p class="muted">Grey: tough moments. Green: the ones where the strategy helped.</p>
{_bar_chart(data)}
<h2>How each week felt (1 to 5)</h2>
{_rating_chart(data)}
<h2>Small wins</h2>
{_list(_wins(data), "No wins written down in this period yet.")}
<h2>What helped</h2>
{_list(_helped(data), "Nothing written down yet.")}
{"<table><tr><th>Strategy</th><th>How often it helped</th></tr>" + rows + "</table>" if rows else ""}
<h2>Focus</h2>
{focus}
</body></html>
"""


def _urgent_html(data: ReportData, library: Library) -> str:
    if not data.urgent:
        return ""
    return f"<h2>Urgent moments</h2>\n{_list(_urgent(data, library), '')}\n"


def render_markdown(data: ReportData, library: Library) -> str:
    """The report as Markdown, with text charts; every piece of text folded and escaped (helpcoach.markdown)."""
    from helpcoach.markdown import inline
    from helpcoach.ui.stats_view import bar, sparkline

    stats = data.stats
    lines = [
        f"# {inline(_title(data))}",
        "",
        f"Made {inline(data.generated)} with helpcoach. Check-in streak: {_weeks(stats.streak)} in a row.",
        "",
        *(["## Urgent moments", "", *[f"- {u}" for u in _urgent(data, library)], ""] if data.urgent else []),
        "## Tough moments per week",
        "",
        "```",
    ]
    top = max((w.moments for w in stats.weeks), default=0)
    for week in stats.weeks:
        rating = f"felt {week.rating:g}/5" if week.rating is not None else "no check-in"
        lines.append(f"{week.start}  {bar(week.moments, top)} {week.moments:>4}  went well {week.went_well}  {rating}")
    lines += [f"week felt   {sparkline([w.rating for w in stats.weeks])}", "```", "", "## Small wins", ""]
    lines += [f"- {inline(w)}" for w in _wins(data)] or ["No wins written down in this period yet."]
    lines += ["", "## What helped", ""]
    lines += [f"- {inline(h)}" for h in _helped(data)]
    lines += [
        f"- {inline(strategy_title(library, s.strategy_id))}: {s.helped} of {s.tried} helped" for s in stats.strategies[:10]
    ]
    focus = inline(strategy_title(library, data.focus)) if data.focus else "No focus chosen yet."
    lines += ["", "## Focus", "", focus, ""]
    return "\n".join(lines)


def _weeks(count: int) -> str:
    return f"{count} week" if count == 1 else f"{count} weeks"
