"""`python -m testimonia`: the same entry point as the `testimonia` command."""

from testimonia.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
