"""Case rounds: the bank of practice cases (``bank``), the phases with their target times
(``phases``), the scratch structure (``tree``), stated sums recomputed (``arithmetic``) and the
feedback on an answer (``feedback``), with every threshold in ``thresholds``. Plain Python;
nothing here imports Django."""
