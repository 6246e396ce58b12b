"""Scale-out: mask one large extract in partitions, on several processes or machines.

The expensive part of a publication is masking (free-text scanning above all); ingest, quality,
tagging and release are DuckDB work one machine does fast. So the coordinator ingests and checks
the whole extract as usual, then:

1. fails closed on the *whole* table (undeclared personal or free-text columns block here, before
   any row leaves the coordinator);
2. splits the working table into row ranges, one Parquet file each, in a private scratch folder
   (never under the home directory: these rows are raw);
3. pass 1, per partition (a worker): the same desensitize step on its own working DuckDB, with
   k-anonymity held back, and the histogram of the masked quasi-identifiers;
4. the coordinator sums the histograms and runs the k-anonymity search over the WHOLE (class sizes
   are global), giving a level per quasi-identifier and the classes that survive;
5. pass 2, per partition: generalize to those levels and drop the rows of classes that do not
   survive;
6. the coordinator gathers the partitions in row order and goes on with tag and release.

The release equals the single-process one row for row (tests/test_scaleout.py). Policies whose
result depends on other rows than the one masked (`suppress_record` with `when: rare`,
`top_bottom_code` with quantiles, `scan_text` beside a person-name column, whose names it looks
for) are not partition-safe: for such a spec the coordinator masks the whole table itself.

`run.py` is the orchestration over any "map a function over partitions" executor (in-process,
`distributed.Client`, or Prefect tasks); `flow.py` is the Prefect flow with a Dask task runner.
"""
