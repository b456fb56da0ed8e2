"""`bitext batch`: many pairs from a manifest through the one alignment job, in parallel.

tasks.py turns manifest rows into tasks (checks done before any work), worker.py runs one task
in a worker process or on a Dask worker, runner.py keeps a bounded number of tasks in flight,
report.py writes OUTDIR/report.jsonl and reads it back for --resume, progress.py shows progress;
claims.py lists the outputs the batch sets out to write (the ones --resume may replace),
lock.py keeps a second batch out of OUTDIR, lifeline.py makes workers die with the batch, and
timeout.py stops a row past --timeout.
"""
