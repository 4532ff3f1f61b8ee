"""Benchmarks, run by hand (`make bench` or `python -m bench`); results go to bench/RESULTS.md."""
