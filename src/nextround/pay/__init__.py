"""Money made concrete, as plain arithmetic: the monthly budget, the gross pay a net need takes
in each supported country (with a derivation a person can read), the walk-away number, the
target and the opening ask; notice periods to start dates; offers side by side with their
vesting and a chart; the US wage tables. Nothing here imports Django; see docs/money.md."""
