"""``scaleready assess``: the interactive interview.

``state`` is the interview as a pure state machine (no I/O, unit-tested on its own); ``session``
is the terminal shell around it: prompts, printing and saving.
"""
