"""完整性 completeness: required values present, declared columns present, enough rows.

One check per module; `quality.checks.ALL` lists them in report order.
"""
