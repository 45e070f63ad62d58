"""The pantau command line: thin Typer commands over the services."""
