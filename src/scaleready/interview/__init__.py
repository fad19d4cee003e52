"""``scaleready assess``: the interactive interview.

The interview is pure, and exported here: :mod:`~scaleready.interview.state` is the state machine
(no I/O, unit-tested on its own), with what typed input means (``_typed``), the commands it
can mean (``_commands``), the words shown around a question (``_prompts``) and who is answering,
asked before the first question (``_who``).
:mod:`~scaleready.interview.session` is the terminal shell around it: prompts, printing and
saving; it is imported only when the interview runs.
"""

from scaleready.interview._commands import (
    AskNote,
    AskReason,
    Back,
    Command,
    DontKnow,
    Give,
    Help,
    Invalid,
    Jump,
    Keep,
    NotApplicable,
    Note,
    Parsed,
    Quit,
    Skip,
)
from scaleready.interview._prompts import (
    help_lines,
    informs,
    keys_legend,
    merge_notes,
    progress_bar,
    resume_message,
    section_of,
)
from scaleready.interview._typed import clean_text, describe_range, parse_input, parse_value
from scaleready.interview.state import (
    Choice,
    InterviewState,
    Merge,
    Progress,
    Step,
    applicable_ids,
    apply,
    choices,
    describe_answer,
    is_answered,
    merge_answers,
    progress,
    start,
    with_answers,
)

__all__ = [
    "AskNote",
    "AskReason",
    "Back",
    "Choice",
    "Command",
    "DontKnow",
    "Give",
    "Help",
    "InterviewState",
    "Invalid",
    "Jump",
    "Keep",
    "Merge",
    "NotApplicable",
    "Note",
    "Parsed",
    "Progress",
    "Quit",
    "Skip",
    "Step",
    "applicable_ids",
    "apply",
    "choices",
    "clean_text",
    "describe_answer",
    "describe_range",
    "help_lines",
    "informs",
    "is_answered",
    "keys_legend",
    "merge_answers",
    "merge_notes",
    "parse_input",
    "parse_value",
    "progress",
    "progress_bar",
    "resume_message",
    "section_of",
    "start",
    "with_answers",
]
