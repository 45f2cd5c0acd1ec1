"""Pages anyone can read: the list of published tenders and each notice."""
