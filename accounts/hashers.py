"""The password hasher: Argon2id at OWASP's recommended minimum, not PBKDF2 at 1,000,000 rounds.

Django 5.2's default, PBKDF2-SHA256 with 1,000,000 iterations, costs 0.4-0.6 s of CPU a login:
100 officers logging in at 08:30 hold a core for a minute, and every page on that core waits.
Argon2id with 19 MiB of memory, 2 passes and 1 lane (OWASP's Password Storage Cheat Sheet,
the first of its equivalent settings) costs about 0.07 s of CPU, and since each guess needs the
19 MiB it is also harder to attack with GPUs than PBKDF2 is at any round count. Django's
`Argon2PasswordHasher` (argon2-cffi) with those parameters; the algorithm name stays "argon2",
so the parameters are read from each stored hash, and a PBKDF2 hash from before is verified and
rewritten as Argon2id at the user's next login (Django does this for the first hasher listed).

Running the PBKDF2 hash on a low-priority thread instead was tried and measured worse: worker
threads block on the queue, so logins waited 24-56 s and every page behind them too
(docs/performance.md).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class RegistryArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
