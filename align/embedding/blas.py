"""One BLAS thread for the embedding code.

The encoder's and the aligners' matrix products are small: on more threads, starting them
costs more than they gain (use-m3 encodes 5-30x slower on 2-4 threads on a 2-core machine,
worse when the machine is busy). threadpoolctl is a dependency of bitext.
"""

from __future__ import annotations

from contextlib import AbstractContextManager


def one_blas_thread() -> AbstractContextManager:
    """A context in which numpy's BLAS uses one thread."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1, user_api="blas")
