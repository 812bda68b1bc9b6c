"""Password hashing that does not starve the other requests of a worker.

The hasher stays Django's PBKDF2-SHA256 at Django's iterations (1,000,000 in 5.2): the
department's passwords are worth the cost, and the stored hashes stay Django's own (same
algorithm name), so no password needs resetting. What changes is where the 0.4 s of CPU runs:
on one thread per process at a low scheduling priority (nice 10). hashlib releases the GIL while
it hashes, so the worker's other threads keep serving pages, and when the core is busy the
kernel runs their requests first. 100 officers logging in at 08:30 then queue behind each other
(up to one login per worker process at a time) instead of behind every page of the office.
"""

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import cache

from django.contrib.auth.hashers import PBKDF2PasswordHasher

LOGIN_NICE = 10


def _lower_priority():
    try:  # Linux: a thread has its own nice value
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOGIN_NICE)
    except (AttributeError, OSError):
        pass


@cache
def _hashing_thread() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="password-hash", initializer=_lower_priority)


class QueuedPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Django's PBKDF2PasswordHasher, computed on the process's one low-priority hashing thread."""

    def encode(self, password, salt, iterations=None):
        return _hashing_thread().submit(super().encode, password, salt, iterations).result()
