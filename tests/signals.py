"""Child processes that receive Ctrl-C as they would at a terminal."""

from __future__ import annotations

import signal


def ctrl_c_as_at_a_terminal() -> None:
    """A Popen preexec_fn: SIGINT's default disposition in the child. A shell without job
    control (CI's runner may be one) starts background jobs with SIGINT ignored, a child
    inherits that, and Python then never raises KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
