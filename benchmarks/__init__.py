"""``make bench``: cold start, AWS calls per request, latency, screens, jobs at scale and cost, as ratios.

Run as ``python -m benchmarks``; results go to benchmarks/results/latest.json and latest.md. Each
section is one module (coldstart + shipping, calls, latency, screens, jobs, cost); the endpoints'
scenarios live in benchmarks/scenarios/, one module per feature.
"""
