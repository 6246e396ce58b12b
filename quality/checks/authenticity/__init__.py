"""真实性 authenticity: the department's manifest vouches for exactly these bytes, rows and provider.

A manifest that disagrees with the extract is critical (it cannot be accepted): the file is not
the one the department sent, or was cut or padded on the way. A *missing*, unreadable or incomplete
manifest is a `warning`: nothing can be verified either way, so the report shows authenticity as
unproven (that item scores 0 and lowers the grade) but publication goes on — departments without
manifest tooling can still publish, while a manifest that is present is always held to its word.

One check per module; `quality.checks.ALL` lists them in report order.
"""
