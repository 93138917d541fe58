import os
import sys

from .cli import main

code = main()
if code in (130, 143):  # a run ended by Ctrl-C or SIGTERM, and handled
    # Under `python -m`, CPython exits by SIGINT, not with the code given, once a
    # KeyboardInterrupt has passed through code run from a string (exec and eval: the
    # dataclasses and namedtuples of a module imported just then), even one caught later
    # (Python/pythonrun.c sets a flag that Modules/main.c checks at exit). Everything is
    # written and closed by now, so the interpreter's own exit is skipped.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:
            pass
    os._exit(code)
sys.exit(code)
