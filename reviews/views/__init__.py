"""The review round's pages: rounds and the provincial dashboard (`rounds`), a district's
submission and its groups (`submissions`), the follow-up of groups to be corrected (`follow_up`)."""
