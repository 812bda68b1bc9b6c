"""What the review pages read: the provincial dashboard (`dashboard`) and the hints on a
district's submission (`hints`). Read-only; every write goes through `reviews.services`."""
