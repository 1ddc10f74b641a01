import os

# NumPy's OpenBLAS starts a thread per core for a product of a few hundred rows, such as the
# coverage page's requirement × story similarities. Beside the server's request threads and the
# background models those threads mostly spin: on a busy machine they made that page's
# semantic step 29 ms of processor time instead of 2 ms (2026-12-06). One thread each, unless
# the user says otherwise; this runs before anything imports NumPy.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
