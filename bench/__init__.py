"""Benchmarks of the real Precedent program: a seeded corpus generator and the measurement harness.

``python -m bench.generate`` writes generated minutes (Markdown) and the same archive as N-Quads;
``python -m bench.run --quick|--full`` measures ingest, SPARQL, search, cold start, memory and load,
and writes ``bench/results/<date>.json`` and ``.md``. Benchmarks report; they never fail.
"""
