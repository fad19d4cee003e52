"""The terminal shell of the interview: prompts, printing and saving around the pure state machine
of :mod:`scaleready.interview.state`.

Input is read a line at a time (with line editing where ``readline`` exists), which works the
same in every terminal, over ssh and under test. Output goes through a rich console that honours
``NO_COLOR``, ``TERM=dumb`` and a non-terminal standard output, and wraps to the terminal's width.
The answers file is written atomically after every change, so an interrupted or killed interview
loses nothing that was confirmed.
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from scaleready import interview as st
from scaleready.errors import UsageError
from scaleready.formats.answers import (
    NA_REASON_QUESTION,
    Answer,
    Answers,
    QuestionnaireRef,
    Respondent,
)
from scaleready.interview._prompts import progress_line
from scaleready.interview._reports import offer_reports, print_summary
from scaleready.interview._terminal import LineReader, Printer, line_reader, terminal_console
from scaleready.interview._who import Who, ask_who, name_role, respondent_from, who_to_ask

if TYPE_CHECKING:
    from rich.console import Console

    from scaleready.formats.questionnaire import Question
    from scaleready.loading.answers_file import AnswersFile

EXIT_INTERRUPTED = 130


def resume_command(answers_path: Path, questionnaire_ref: str | None) -> str:
    """The command that resumes this interview, quoted for a shell."""
    parts = ["scaleready", "assess", "--answers", str(answers_path)]
    if questionnaire_ref:
        parts += ["--questionnaire", questionnaire_ref]
    return shlex.join(parts)


def no_terminal_message(answers_path: Path) -> str:
    """What to do instead when standard input is not a terminal."""
    file = shlex.quote(str(answers_path))
    return (
        "scaleready assess asks its questions in a terminal, and standard input is not one. "
        f"To answer without a terminal: scaleready init {file} writes a blank answers file to "
        f"fill in with an editor, and scaleready score {file} scores it."
    )


def run_interview(
    questionnaire_ref: str | None,
    answers_path: Path,
    *,
    name: str | None = None,
    role: str | None = None,
    organisation: str | None = None,
    review: bool = False,
    console: Console | None = None,
    read: LineReader | None = None,
    interactive: bool | None = None,
) -> None:
    """Run ``scaleready assess``: load, resume, ask, save after every answer, summarise.

    Raises :class:`UsageError` without a terminal on standard input (it would otherwise wait for
    ever) and :class:`InputError` for an invalid questionnaire or answers file (which is then left
    as it is). Ctrl-C saves, says how to resume, and raises ``typer.Exit(130)``. ``console``,
    ``read`` and ``interactive`` replace the terminal in tests.
    """
    import typer

    from scaleready.loading.answers_file import AnswersFile
    from scaleready.loading.inputs import path_to_write, questionnaire_for_file

    if not (sys.stdin.isatty() if interactive is None else interactive):
        raise UsageError(no_terminal_message(answers_path))
    try:
        questionnaire = questionnaire_for_file(answers_path, questionnaire_ref)
        # A questionnaire given by its file is named in the answers file, so that later
        # commands find it without --questionnaire.
        written = path_to_write(questionnaire_ref, answers_path)
        file, loaded = AnswersFile.open(answers_path, questionnaire, written)
    except KeyboardInterrupt:
        # Nothing was asked yet, so nothing to save; typer would otherwise say "Aborted!", exit 1.
        typer.echo("\ninterrupted; nothing was changed", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    respondent = respondent_from(loaded.respondent if loaded else None, name, role)
    if organisation is not None:
        file.organisation = organisation
    flags = {"organisation": organisation, "name": name, "role": role}
    starting = loaded is None or not loaded.answers
    ask = who_to_ask(file.organisation, respondent, flags, starting=starting, review=review)
    shell = _Shell(
        console or terminal_console(),
        read or line_reader(),
        file,
        respondent,
        resume_command(answers_path, questionnaire_ref),
    )
    answers = dict(loaded.answers) if loaded is not None else {}
    changed = loaded is not None and (
        respondent != loaded.respondent or file.organisation != loaded.organisation
    )
    shell.run(
        st.start(questionnaire, answers, review=review),
        loaded is None,
        respondent_changed=changed,
        ask=ask,
    )


class _Shell(Printer):
    """One interview in a terminal."""

    def __init__(
        self,
        console: Console,
        read: LineReader,
        file: AnswersFile,
        respondent: Respondent | None,
        resume: str,
    ) -> None:
        super().__init__(console)
        self.read = read
        self.file = file
        self.questionnaire = file.questionnaire
        self.respondent = respondent
        self.resume = resume
        self.section_shown: str | None = None
        self.total_shown: int | None = None  # how many questions applied at the last one shown
        self.unsaved = False
        # The newest state, for Ctrl-C: saved whatever the interview was doing.
        self.latest: st.InterviewState | None = None
        # The answers and respondent the file last held as far as we know: what a merge starts from.
        self.base: dict[str, Answer] = {}
        self.base_respondent = respondent

    # --- saving ------------------------------------------------------------------------------

    def save(self, state: st.InterviewState) -> bool:
        """Write the answers, merged first with another writer's (``latest`` is then the merged
        state); on failure say so and keep going (they stay in memory)."""
        try:
            theirs = self.file.changed_on_disk()
            if theirs is not None:
                # Kept even if the write fails: the file now holds theirs, the state both.
                state = self.latest = self.merge(state, theirs)
                self.base, self.base_respondent = dict(theirs.answers), theirs.respondent
            self.file.save(state.answers, self.respondent)
        except (UsageError, RuntimeError) as exc:
            # RuntimeError: the file would not read back as meant (a bug, refused before writing).
            self.unsaved = True
            self.say(f"Could not save: {exc}.", style="bold red")
            self.say("Your answers are kept here; saving is tried again after the next one.")
            return False
        self.unsaved = False
        self.base, self.base_respondent = dict(state.answers), self.respondent
        self.latest = state
        return True

    def merge(self, state: st.InterviewState, theirs: Answers) -> st.InterviewState:
        """Merge what another writer saved, and say what came of it (see ``merge_answers``)."""
        merged = st.merge_answers(self.questionnaire, self.base, state.answers, theirs.answers)
        if self.respondent == self.base_respondent:
            self.respondent = theirs.respondent
        for note in st.merge_notes(self.questionnaire, merged, self.file.path):
            self.say(note, style="bold yellow")
        return st.with_answers(state, merged.answers)

    def save_or_show(self, state: st.InterviewState) -> bool:
        """Save at the end; if even that fails, print the answers so nothing is lost."""
        if self.save(state):
            return True
        from scaleready.loading.answers_file import render_answers

        try:
            text = self.file.render(state.answers, self.respondent)
        except RuntimeError:
            # Updating the file in place is what failed; the canonical form loses its comments
            # but keeps every answer and note.
            text = render_answers(self.questionnaire, state.answers, self.respondent)
        self.console.file.flush()
        sys.stderr.write(f"These are your answers; copy them into {self.file.path}:\n{text}")
        return False

    # --- the interview -----------------------------------------------------------------------

    def run(
        self,
        state: st.InterviewState,
        new_file: bool,
        *,
        respondent_changed: bool,
        ask: list[str] | None = None,
    ) -> None:
        import typer

        q = self.questionnaire
        sections = len(q.sections)
        self.say(f"{q.title} ({q.id} {q.version})", style="bold")
        if q.description and not state.answers:
            # Once, before the first answer: what the questionnaire is and whose words it cites.
            self.say(q.description.strip())
        self.say(
            f"{len(q.questions)} questions in {sections} section{'s' if sections != 1 else ''}; "
            f"{len(state.applicable)} apply so far. Answers are saved to {self.file.path} "
            "after every answer."
        )
        self.say("Type a number to answer, ? for help, q to save and quit.")
        self.latest = state
        self.base = dict(state.answers)
        if new_file or respondent_changed:
            # Write at once: an unwritable place shows now, not after the first answer.
            self.file.save(state.answers, self.respondent)
        try:
            self.ask_who(state, ask or [])
            if state.review:
                self.say("Reviewing your answers: Enter keeps the current one.", style="bold")
            else:
                message = st.resume_message(state)
                if message:
                    self.say(message, style="bold")
            finished = self.loop(state)
            if finished is not None:
                self.finish(finished)
        except KeyboardInterrupt:
            self.console.print()
            latest = self.latest or state
            saved = self.save_or_show(latest)
            p = st.progress(latest)
            if saved:
                self.say(
                    f"Interrupted. {p.answered} of {p.total} answers are saved in {self.file.path}."
                )
            self.command("To resume:", self.resume)
            raise typer.Exit(EXIT_INTERRUPTED) from None

    def ask_who(self, state: st.InterviewState, fields: list[str]) -> None:
        """Ask who is answering (see :mod:`scaleready.interview._who`); save what changed."""
        before = Who(self.file.organisation, *name_role(self.respondent))
        who = ask_who(before, fields, self.read, self.say)
        if who != before:
            self.respondent, self.file.organisation = who.respondent, who.organisation
            self.save(state)

    def loop(self, state: st.InterviewState) -> st.InterviewState | None:
        """Ask until the interview is finished (return the final state) or the user quits
        (``None``)."""
        self.latest = state
        while not state.finished:
            self.show_question(state)
            while True:
                question = state.question
                assert question is not None
                try:
                    typed = self.read("> ")
                except EOFError:
                    typed = "q"  # Ctrl-D: the same as q
                    self.console.print()
                parsed = st.parse_input(
                    self.questionnaire, question, typed, state.answer(), review=state.review
                )
                if isinstance(parsed, st.Invalid):
                    self.say(parsed.message, style="yellow")
                    continue
                command = self.complete(parsed, state)
                if command is None:
                    continue
                step = st.apply(state, command)
                if step.save:
                    self.latest = step.state
                    saved = self.save(step.state)
                    step = replace(step, state=self.latest)  # merged with another writer's
                    if saved and not isinstance(command, st.Note):
                        answer = step.state.answer(question.id)
                        shown = st.describe_answer(self.questionnaire, question, answer)
                        self.say(f"saved: {shown}", style="dim", indent=2)
                self.latest = step.state
                if step.show_help:
                    self.show_help(question)
                if step.message:
                    self.say(step.message, style="dim")
                if step.quit:
                    self.quit(step.state)
                    return None
                moved = step.state.current != state.current
                state = step.state
                if moved:
                    break
        return state

    def complete(self, parsed: st.Parsed, state: st.InterviewState) -> st.Command | None:
        """Ask for the words a command needs (a note, a reason); ``None`` if cancelled."""
        try:
            return self._complete(parsed, state)
        except EOFError:
            self.console.print()
            return None  # Ctrl-D cancels the note or reason; at the next prompt it quits

    def _complete(self, parsed: st.Parsed, state: st.InterviewState) -> st.Command | None:
        current = state.answer()
        if isinstance(parsed, st.AskNote):
            if current is not None and current.note:
                self.say(f"Current note: {current.note}", indent=2)
                prompt = "Note (Enter keeps it, - removes it): "
            else:
                prompt = "Note (Enter cancels): "
            text = st.clean_text(self.read(prompt))
            if not text:
                return None
            return st.Note(None if text == "-" else text)
        if isinstance(parsed, st.AskReason):
            return self._reason(current)
        assert not isinstance(parsed, st.Invalid)
        return parsed

    def _reason(self, current: Answer | None) -> st.Command:
        """Ask why the question does not apply until there is an answer: "not applicable" is a
        claim a reviewer must be able to judge, so an empty reason is refused (Ctrl-D cancels)."""
        kept = (
            current.reason if current is not None and current.status == "not_applicable" else None
        )
        prompt = f"Reason (Enter keeps {kept!r}): " if kept else f"Reason ({NA_REASON_QUESTION}): "
        while True:
            typed = st.clean_text(self.read(prompt))
            if typed or kept:
                return st.NotApplicable(typed or kept)
            self.say(f"A reason is needed (Ctrl-D cancels): {NA_REASON_QUESTION}", indent=2)

    def show_question(self, state: st.InterviewState) -> None:
        question = state.question
        assert question is not None
        index, section = st.section_of(self.questionnaire, question.id)
        if section.id != self.section_shown:
            self.say()
            total = len(self.questionnaire.sections)
            self.say(f"== {section.title} (section {index + 1} of {total}) ==", style="bold")
            if section.intro:
                self.say(section.intro.strip())
            self.section_shown = section.id
        p = st.progress(state)
        self.say()
        self.say(progress_line(p, self.total_shown), style="dim")
        self.total_shown = p.total
        self.say(question.text, style="bold")
        self.show_choices(question)
        current = state.answer()
        if st.is_answered(current):
            shown = st.describe_answer(self.questionnaire, question, current)
            self.say(f"Current answer: {shown} (Enter keeps it)", indent=2)
        if current is not None and current.note:
            self.say(f"Note: {current.note}", indent=2)
        self.say(st.keys_legend(question, current, review=state.review), style="dim", indent=2)

    def show_choices(self, question: Question) -> None:
        kind = question.type
        if kind in ("choice", "scale", "multi"):
            numbered = st.choices(self.questionnaire, question)
            digits = max(len(str(c.number)) for c in numbered) if numbered else 1
            for choice in numbered:
                self.hanging(f"  {choice.number:>{digits}}  ", choice.option.label)
            if kind == "multi":
                self.say("Type every number that applies (e.g. 1,3), or - for none.", indent=2)
        elif kind == "number":
            self.say(st.describe_range(question).capitalize() + ".", indent=2)
        elif kind == "boolean":
            self.say("y yes / n no", indent=2)
        else:
            self.say("Type your answer on one line.", indent=2)

    def show_help(self, question: Question) -> None:
        for line in st.help_lines(self.questionnaire, question):
            self.say(line, indent=2)

    def quit(self, state: st.InterviewState) -> None:
        if self.save_or_show(state):
            p = st.progress(state)
            self.say(f"Saved {p.answered} of {p.total} answers in {self.file.path}.")
        self.command("To resume:", self.resume)
        if self.unsaved:
            raise UsageError(f"could not save {self.file.path}; your answers are printed above")

    def finish(self, state: st.InterviewState) -> None:
        """Say how complete the answers are, then show the result."""
        from scaleready.engine import assess
        from scaleready.render.coverage import coverage_sentence

        if self.unsaved and not self.save_or_show(state):
            raise UsageError(f"could not save {self.file.path}; your answers are printed above")
        p = st.progress(state)
        answers = Answers(
            questionnaire=QuestionnaireRef(
                id=self.questionnaire.id, version=self.questionnaire.version
            ),
            respondent=self.respondent,
            organisation=self.file.organisation,
            answers=dict(state.answers),
            source=str(self.file.path),
        )
        assessment = assess(self.questionnaire, answers)
        self.say()
        # Coverage as score and the reports count it: the same result, the same words.
        self.say(coverage_sentence(assessment.coverage), style="bold")
        if p.answered < p.total:
            self.command("To answer them:", self.resume)
        self.say(f"Answers saved in {self.file.path}.")
        if not state.review and p.answered == p.total:
            self.command("To change an answer:", self.resume + " --review")
        self.say()
        print_summary(self.console, assessment, self.questionnaire, self.file.path)
        offer_reports(
            self.console, self.read, assessment, self.questionnaire, answers, self.file.path
        )
