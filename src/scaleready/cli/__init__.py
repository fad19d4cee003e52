"""The command line: the thin shell that does the I/O and maps errors to exit codes.

:mod:`~scaleready.cli.commands` is the entry point (``main``, and the ``app`` with every command
registered); the commands live in one private module per group (``_files``, ``_scoring``,
``_workshop``, ``_schema``, ``_interview``) on the one app of ``_app``, and the shell's own
I/O helpers beside them (``_git_history``, ``_anonymous_option``, ``gcpause``); ``_help`` lays out
``--help`` (click's plain layout, placeholders in words). Nothing is imported here, so that
``scaleready --help`` starts fast.
"""

__all__: list[str] = []
