"""Command-line subcommands, one module per group; cli.py assembles them."""
