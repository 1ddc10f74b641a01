"""Case sessions and presentation plans: the pages, services and commands over the pure
``nextround.cases`` and ``nextround.slides``."""
