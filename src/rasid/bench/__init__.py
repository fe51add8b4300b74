"""Benchmarks that are not accuracy against gold: ``pathological`` times every stage on adversarial text."""
