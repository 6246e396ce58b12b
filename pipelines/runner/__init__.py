"""The runner: the step list, engine choice, plain/Prefect/Dask execution of one publication."""
