"""准确性 accuracy: types, identifier checksums, formats, value sets and ranges, uniqueness and
consistency between columns. Each is a SQL predicate evaluated in the shared scan.

A value is evaluated by one check for one reason: a cell that does not parse as its type fails
`accuracy.type` only; range and enum checks look at the cells that parse. Null cells are the
business of `completeness.required` and are not evaluated here.

One check per module; `quality.checks.ALL` lists them in report order.
"""
