"""Use cases, Qt-free: each one applies the domain's rules once, then persists through storage. Widgets call these and
show the French reasons of a RuleViolation; storage only persists (DESIGN.md §4, issue 11)."""
