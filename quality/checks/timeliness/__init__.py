"""时效性 timeliness: the data is as recent as its declared update frequency promises.

The window is `update_frequency.window_days` (+ `timeliness.grace_days`), counted back from the
extract date (the manifest's `extracted_at`, else when the extract was obtained). `irregular`
datasets have no window, so neither window check is planned for them.

One check per module; `quality.checks.ALL` lists them in report order.
"""
