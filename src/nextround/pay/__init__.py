"""Money made concrete: offers, start dates, wage tables and the budget behind a number."""
