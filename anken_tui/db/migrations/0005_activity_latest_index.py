"""Index activities by case, day and id, so a board finds each case's latest activity without sorting.

The board shows the follow-up date (次回予定) of each case's latest activity,
which it reads with one correlated subquery per card. With this index the
subquery reads one index entry instead of sorting the case's activities.
"""


def up(migrator, db):
    migrator.migrate(migrator.add_index("activity", ("case_id", "done_on", "id"), False))
