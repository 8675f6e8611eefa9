"""Measured figures, their goals, and the JSON and Markdown reports a run writes.

A ``Figure`` is one measurement (median and p95 over repeated runs) with the goal it is judged
against. Benchmarks never fail: a missed goal is reported as such, with the ratio.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (no interpolation): a value that was really observed."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Figure:
    """One measured quantity at one size, with its goal.

    ``goal_kind`` is ``">="`` (more is better: throughput) or ``"<="`` (less is better: latency,
    memory, time). Throughput is judged on its median, latencies on their p95.
    """

    section: str
    name: str
    size: str
    unit: str
    median: float
    p95: float | None = None
    runs: int = 1
    goal: float | None = None
    goal_kind: str = ""
    note: str = ""
    samples: list[float] = field(default_factory=list)

    @property
    def judged(self) -> float:
        if self.goal_kind == "<=" and self.p95 is not None:
            return self.p95
        return self.median

    @property
    def ratio(self) -> float | None:
        if not self.goal:
            return None
        return self.judged / self.goal

    @property
    def verdict(self) -> str:
        if self.goal is None:
            return ""
        ok = self.judged >= self.goal if self.goal_kind == ">=" else self.judged <= self.goal
        return "meets" if ok else "MISSES"

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["samples"] = [round(value, 4) for value in self.samples[:200]]
        data["ratio"] = None if self.ratio is None else round(self.ratio, 3)
        data["verdict"] = self.verdict
        return data


def from_samples(
    section: str, name: str, size: str, unit: str, samples: list[float], **extra: object
) -> Figure:
    """A figure from repeated measurements: median and nearest-rank p95."""
    if not samples:
        return Figure(
            section,
            name,
            size,
            unit,
            float("nan"),
            None,
            0,
            note=str(extra.pop("note", "no samples")),
            **extra,
        )
    return Figure(
        section,
        name,
        size,
        unit,
        statistics.median(samples),
        percentile(samples, 0.95),
        len(samples),
        samples=list(samples),
        **extra,
    )


def time_ms(
    action: Callable[[], object], repeats: int, warmup: int = 1, budget_s: float = 60.0
) -> list[float]:
    """Milliseconds of ``action`` over ``repeats`` runs after ``warmup`` runs, within a time budget."""
    for _ in range(warmup):
        action()
    samples: list[float] = []
    deadline = time.monotonic() + budget_s
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
        if time.monotonic() > deadline:
            break
    return samples


@dataclass
class Run:
    """Everything one benchmark run measured, and where it was measured."""

    started: str
    mode: str
    environment: dict[str, object]
    sizes: list[dict[str, object]] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        return figure

    def as_dict(self) -> dict[str, object]:
        return {
            "started": self.started,
            "mode": self.mode,
            "environment": self.environment,
            "sizes": self.sizes,
            "figures": [figure.as_dict() for figure in self.figures],
            "problems": self.problems,
        }


def _number(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def summary_rows(run: Run) -> list[str]:
    """One line per goal: single figures as they are; per-query and per-shape figures counted."""
    rows: list[str] = []
    grouped: dict[tuple[str, str], list[Figure]] = {}
    for f in run.figures:
        if f.goal is None:
            continue
        if f.section == "sparql" or (f.section == "search" and "all 20 shapes" not in f.name):
            what = (
                "POST /sparql p95 within 1.5 x raw p95 + 2 ms, per query"
                if f.section == "sparql"
                else f"{f.name.split(' · ')[0]} /api/search p95 within {_number(f.goal)} ms, per shape"
            )
            grouped.setdefault((f.size, what), []).append(f)
            continue
        rows.append(
            f"| {f.size} | {f.name} | {_number(f.judged)} {f.unit} | {f.goal_kind} {_number(f.goal)} "
            f"| {f.ratio:.2f} | {f.verdict} |"
        )
    for (size, what), figures in grouped.items():
        met = sum(1 for f in figures if f.verdict == "meets")
        worst = max(figures, key=lambda f: f.ratio or 0)
        rows.append(
            f"| {size} | {what} | {met} of {len(figures)} meet | worst: {worst.name} "
            f"| {worst.ratio:.2f} | {'meets' if met == len(figures) else 'MISSES'} |"
        )
    return rows


def markdown_table(run: Run) -> str:
    """The run as one Markdown document: environment, sizes, then one table row per figure."""
    env = run.environment
    lines = [f"# Precedent benchmark, {run.started} ({run.mode})", ""]
    lines.append(
        f"Machine: {env.get('cpu_count')} cores, {env.get('memory_gb')} GB RAM, {env.get('platform')}. "
        + ", ".join(f"{name} {version}" for name, version in env.get("versions", {}).items())
    )
    lines.append("")
    if run.sizes:
        lines += [
            "| size | minutes documents | decisions | triples | index records |",
            "|---|---|---|---|---|",
        ]
        for size in run.sizes:
            lines.append(
                f"| {size['name']} | {size['documents']:,} | {size['decisions']:,} | {size['triples']:,} "
                f"| {size.get('index_records', '–')} |"
            )
        lines.append("")
    summary = summary_rows(run)
    if summary:
        lines += [
            "Goals (ratio = measured / goal; latencies are judged on p95, throughput on the median):",
            "",
            "| size | measurement | measured | goal | ratio | verdict |",
            "|---|---|---|---|---|---|",
        ]
        lines += summary + [""]
    lines += [
        "| section | size | measurement | median | p95 | unit | runs | goal | ratio | verdict |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for f in run.figures:
        goal = f"{f.goal_kind} {_number(f.goal)}" if f.goal is not None else ""
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else ""
        name = f.name + (f" ({f.note})" if f.note else "")
        lines.append(
            f"| {f.section} | {f.size} | {name} | {_number(f.median)} | {_number(f.p95)} | {f.unit} "
            f"| {f.runs} | {goal} | {ratio} | {f.verdict} |"
        )
    if run.problems:
        lines += ["", "Problems met during the run (the measurement was skipped, the run went on):", ""]
        lines += [f"- {problem}" for problem in run.problems]
    return "\n".join(lines) + "\n"


LATEST_START = "<!-- latest benchmark: written by python -m bench.run -->"
LATEST_END = "<!-- end of latest benchmark -->"


def update_document(document: Path, run: Run) -> bool:
    """Replace the text between the two markers of ``document`` with this run's table; False if no markers."""
    if not document.is_file():
        return False
    text = document.read_text("utf-8")
    start, end = text.find(LATEST_START), text.find(LATEST_END)
    if start < 0 or end < start:
        return False
    table = markdown_table(run).replace("# Precedent benchmark", "### Precedent benchmark", 1)
    document.write_text(text[: start + len(LATEST_START)] + "\n\n" + table + "\n" + text[end:], "utf-8")
    return True


def write_reports(run: Run, out_dir: Path, day: str) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path = out_dir / f"{day}.json"
    md_path = out_dir / f"{day}.md"
    json_path.write_text(json.dumps(run.as_dict(), indent=1, default=str) + "\n", "utf-8")
    md_path.write_text(markdown_table(run), "utf-8")
    return json_path, md_path
