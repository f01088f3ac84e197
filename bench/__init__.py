"""Benchmarks for article-assistant: `make bench` (= `python -m bench`) writes docs/benchmarks.md.

Every figure is a ratio against a baseline measured in the same run on the same
machine (runs interleaved where possible), so the noise of a shared machine cancels.
"""
