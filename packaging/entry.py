"""The frozen bundle's entry script: the same `testimonia` command the wheel installs."""

import multiprocessing

# A PDF worker process is this executable started again; let it stop here and run its job before
# the app's own imports, which it does not need (cli.main calls this too, for the unfrozen case).
multiprocessing.freeze_support()

from testimonia.cli import main  # noqa: E402  (after freeze_support on purpose)

raise SystemExit(main())
