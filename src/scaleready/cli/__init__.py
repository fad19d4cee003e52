"""The command line: the thin shell that does the I/O and maps errors to exit codes."""

__all__: list[str] = []
