"""可用性 usability: the extract is machine-readable as delivered (开放办法 §2, §24).

These are warnings: the toolkit repairs all three on the way to the release (UTF-8 output,
snake_case release names, a CSV writer that quotes), but they tell the department what to fix.

One check per module; `quality.checks.ALL` lists them in report order.
"""
