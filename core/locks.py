"""The registry's row locks: what a service may lock, and in which order.

Every service that writes locks only its own rows, `select_for_update(of=("self",), no_key=True)`:

- `of=("self",)`: a `select_related` join is read, never locked. Locking the joined district or
  round row made every classification of a province queue on its round row, and deadlocked
  against a spreadsheet import whose inserts take `FOR KEY SHARE` on the same district rows.
- `no_key=True` (`FOR NO KEY UPDATE`): the services never change a primary key, so they take the
  weaker lock, which does not conflict with the `FOR KEY SHARE` a foreign-key check takes. An
  officer adding a history or review-event row for a group is never blocked by someone editing
  that group, and the other way round.

When one transaction locks rows of several tables it takes them in this order (an import, a
review acceptance and an officer's edit then never wait for each other in a circle):

    1. reviews.Submission        (review_classify, reviews_*, submission_*)
    2. reviews.GroupReview        (by primary key when several)
    3. groups.SavingsGroup        (group_*, activity_* lock the group first; imports by primary key)
    4. groups.Activity
    5. geo.Village                (renamed by a group edit or an import, after the group)
    networks: Committee / FundEntry / DrivePlan, each alone; printing: IssuedDocument, alone.

Round, District, Subdistrict and Province rows are never locked: they are read, and referenced.

Spreadsheet imports validate everything without a lock, then write in one transaction whose
changes to existing rows come last, as one statement per table from a staging table
(`groups.spreadsheets.merge`), so officers wait behind an import at most for that statement.

PostgreSQL's `lock_timeout` and `statement_timeout` (settings, `DB_LOCK_TIMEOUT_MS`,
`DB_STATEMENT_TIMEOUT_MS`) bound any wait that remains; `core.middleware.DatabaseBusyMiddleware`
answers it with a Thai "try again" page instead of a stuck worker.
"""

LOCK_ORDER = ["reviews.Submission", "reviews.GroupReview", "groups.SavingsGroup", "groups.Activity", "geo.Village"]
