"""The served path logs waitress's queue-depth warning once per interval, not once per request."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import pytest
from waitress.task import ThreadedTaskDispatcher

from webui.server import QueueWarningInterval, quiet_queue_warnings


def _queue_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "waitress.queue"]


@pytest.fixture
def queue_log() -> Iterator[logging.Logger]:
    logger = logging.getLogger("waitress.queue")
    saved = list(logger.filters)
    yield logger
    logger.filters[:] = saved


def test_a_saturated_dispatcher_warns_once_per_interval(
    queue_log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    queue_log.addFilter(QueueWarningInterval(interval=0.2))
    dispatcher = ThreadedTaskDispatcher()  # no worker threads: every task added waits in the queue
    with caplog.at_level(logging.WARNING, logger="waitress.queue"):
        for task in range(50):
            dispatcher.add_task(task)
        assert _queue_warnings(caplog) == ["Task queue depth is 1"]
        time.sleep(0.25)
        dispatcher.add_task("one more")
        assert _queue_warnings(caplog) == ["Task queue depth is 1", "Task queue depth is 51"]


def test_other_waitress_warnings_are_untouched(
    queue_log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    quiet_queue_warnings()
    quiet_queue_warnings()  # installing twice keeps one filter
    assert sum(isinstance(f, QueueWarningInterval) for f in queue_log.filters) == 1
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            logging.getLogger("waitress").warning("%d thread(s) still running", 2)
    still_running = [r.getMessage() for r in caplog.records if r.name == "waitress"]
    assert still_running == ["2 thread(s) still running"] * 3
