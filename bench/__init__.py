"""Benchmark: a dataset at the scale of all Dutch primary-school partnerships, and the latency on it."""
