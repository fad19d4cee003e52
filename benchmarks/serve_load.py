"""``scaleready serve`` under load, over loopback: many participants answering at once, each
answer one HTTP request, with the server killed (SIGKILL) part-way and started again.

Every simulated participant joins, then answers its questions one request at a time (a POST of
one question's fields, as the section page's form has them, answered 303 (or 200 when more
questions now apply) once saved). Latency is
measured per answer at the client. At ``--kill-at`` of the expected answers the server is
SIGKILLed; answers in flight fail, and each participant retries an unconfirmed answer once the
server, started again on the same folder and port, answers. At the end every answer confirmed
(303 received), before the kill and after, is checked in the answers files on disk.

    .venv/bin/python benchmarks/serve_load.py                         # 200 participants x 10
    .venv/bin/python benchmarks/serve_load.py --participants 20 --answers 5 --think 0
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from scaleready.formats.answers import AnswerValue
from scaleready.formats.questionnaire import Question, Questionnaire
from scaleready.interview import choices
from scaleready.loading.answers import load_answers
from scaleready.loading.inputs import open_questionnaire
from scaleready.serve.forms import fingerprint

ROLES = ("cto", "engineering-manager", "engineer", "product-manager")
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


@dataclass
class Result:
    """What a run measured."""

    latencies: list[float] = field(default_factory=list)  # seconds per confirmed answer
    sent: list[float] = field(default_factory=list)  # when each of them was sent
    all_joined: float = 0.0  # when the last participant had joined
    restarted: float = float("inf")  # when the restarted server answered
    confirmed: dict[tuple[str, str], AnswerValue] = field(default_factory=dict)
    confirmed_before_kill: int = 0
    failed_attempts: int = 0
    lost: list[str] = field(default_factory=list)
    wall: float = 0.0
    killed: bool = False
    down: float = 0.0  # seconds from the kill until the restarted server answered
    server_cpu: float = 0.0  # CPU seconds (user + system) of the server processes, all requests


def cpu_seconds(pid: int) -> float:
    """A live process's CPU time so far (Linux: /proc), 0 where that cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(folder: Path, port: int, questionnaire: str | None) -> tuple[subprocess.Popen[str], str]:
    """Start ``scaleready serve`` and return it with the participants' URL it printed."""
    command = [sys.executable, "-m", "scaleready", "serve", str(folder), "--port", str(port)]
    if questionnaire:
        command += ["-q", questionnaire]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("Participants: "):
            url = line.split(": ", 1)[1].strip()
            # Keep reading the rest of the output in the background so the pipe never fills.
            threading_drain(process)
            return process, url
    raise RuntimeError("the server did not start")


def threading_drain(process: subprocess.Popen[str]) -> None:
    import threading

    def drain() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            sys.stderr.write(f"server: {line}")  # only errors: the server logs warnings and up

    threading.Thread(target=drain, daemon=True).start()


def pick(questionnaire: Questionnaire, question: Question, rng: random.Random) -> tuple[str, Any]:
    """A valid answer: the field's text and the value it saves."""
    if question.type == "number":
        low = int(question.min) if question.min is not None else 0
        high = int(question.max) if question.max is not None else low + 500
        value = rng.randint(low, max(low, high))
        return str(value), value
    numbered = choices(questionnaire, question)
    choice = rng.choice(numbered)
    if question.type == "multi":
        return str(choice.number), (choice.option.key,)
    return str(choice.number), choice.option.key


class Load:
    """One run: the participants, the server and what was confirmed."""

    def __init__(self, args: argparse.Namespace, folder: Path) -> None:
        self.args = args
        self.folder = folder
        self.questionnaire = open_questionnaire(args.questionnaire)
        self.port = free_port()
        self.result = Result()
        self.expected = args.participants * args.answers
        self.up = asyncio.Event()
        self.server: subprocess.Popen[str] | None = None
        self.join_url = ""
        self.joined = 0
        questions = [
            (index, q)
            for index, section in enumerate(self.questionnaire.sections)
            for q in section.questions
            if q.type in ("number", "choice", "scale", "multi")
        ]
        self.questions = questions

    async def participant(self, client: httpx.AsyncClient, number: int) -> None:
        rng = random.Random(number)  # noqa: S311 - a reproducible load, not a secret
        page = await self.retry(lambda: client.get(self.join_url))
        csrf = dict(_HIDDEN.findall(page.text))["csrf"]
        data = {"csrf": csrf, "role": ROLES[number % len(ROLES)], "name": f"P{number}"}
        joined = await self.retry(lambda: client.post(self.join_url, data=data))
        if joined.status_code != 303:
            raise RuntimeError(f"join refused: {joined.status_code} {joined.text[:300]}")
        base = joined.headers["location"]
        self.joined += 1
        if self.joined == self.args.participants:
            self.result.all_joined = time.perf_counter()
        token = base.rsplit("/", 1)[1]
        chosen = rng.sample(self.questions, self.args.answers)
        chosen.sort(key=lambda item: self.questions.index(item))
        pages: dict[int, dict[str, str]] = {}
        for index, question in chosen:
            if index not in pages:
                got = await self.retry(lambda i=index: client.get(f"{base}/s/{i}"))
                pages[index] = dict(_HIDDEN.findall(got.text))
            await asyncio.sleep(rng.uniform(0, 2 * self.args.think))
            await self.answer(client, base, token, index, question, pages[index], rng)

    async def answer(
        self,
        client: httpx.AsyncClient,
        base: str,
        token: str,
        index: int,
        question: Question,
        hidden: dict[str, str],
        rng: random.Random,
    ) -> None:
        typed, value = pick(self.questionnaire, question, rng)
        qid = question.id
        data = {
            "csrf": hidden["csrf"],
            "shown": qid,
            # A question that does not apply yet is not on the page; it is unanswered.
            f"h-{qid}": hidden.get(f"h-{qid}", fingerprint(None)),
            f"v0-{qid}": hidden.get(f"v0-{qid}", ""),
            f"x0-{qid}": hidden.get(f"x0-{qid}", "answer"),
            f"a-{qid}": typed,
            "go": "stay",
        }
        while True:
            await self.up.wait()
            began = time.perf_counter()
            try:
                response = await client.post(f"{base}/s/{index}", data=data)
            except httpx.TransportError:
                self.result.failed_attempts += 1
                await asyncio.sleep(0.05)
                continue
            # 303 to the next page, or 200 when the answer made more questions apply: both are
            # sent only once the answer is on disk.
            if response.status_code not in (200, 303):
                raise RuntimeError(f"answer refused: {response.status_code} {response.text[:200]}")
            self.result.latencies.append(time.perf_counter() - began)
            self.result.sent.append(began)
            self.result.confirmed[(token, qid)] = value
            break
        if (
            not self.result.killed
            and len(self.result.confirmed) >= self.args.kill_at * self.expected
        ):
            self.kill()

    async def retry(self, call: Any) -> httpx.Response:
        while True:
            await self.up.wait()
            try:
                return await call()  # type: ignore[no-any-return]
            except httpx.TransportError:
                self.result.failed_attempts += 1
                await asyncio.sleep(0.05)

    def kill(self) -> None:
        assert self.server is not None
        self.result.killed = True
        self.up.clear()
        self.result.server_cpu += cpu_seconds(self.server.pid)
        self.server.send_signal(signal.SIGKILL)
        self.server.wait()
        self.result.confirmed_before_kill = len(self.result.confirmed)
        self.before_kill = dict(self.result.confirmed)
        self.killed_at = time.perf_counter()
        asyncio.get_running_loop().create_task(self.restart())

    async def restart(self) -> None:
        self.check_on_disk(self.before_kill)  # before anyone can write again
        self.server, _ = await asyncio.to_thread(
            start, self.folder, self.port, self.args.questionnaire
        )
        self.result.restarted = time.perf_counter()
        self.result.down = self.result.restarted - self.killed_at
        self.up.set()

    def check_on_disk(self, confirmed: dict[tuple[str, str], AnswerValue]) -> None:
        import json

        state = json.loads((self.folder / ".scaleready-session.json").read_text())
        files = {p["token"]: self.folder / p["file"] for p in state["participants"]}
        loaded = {t: load_answers(f, self.questionnaire).answers for t, f in files.items()}
        for (token, qid), value in confirmed.items():
            answer = loaded.get(token, {}).get(qid)
            if answer is None or answer.value != value:
                self.result.lost.append(f"{token[:6]}:{qid}")

    async def run(self) -> Result:
        self.server, self.join_url = start(self.folder, self.port, self.args.questionnaire)
        self.up.set()
        limits = httpx.Limits(max_connections=self.args.participants + 10)
        began = time.perf_counter()
        try:
            base_url = f"http://127.0.0.1:{self.port}"
            async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60) as client:
                await asyncio.gather(
                    *(self.participant(client, n) for n in range(self.args.participants))
                )
        finally:
            self.result.wall = time.perf_counter() - began
            if self.server.poll() is None:
                self.result.server_cpu += cpu_seconds(self.server.pid)
                self.server.send_signal(signal.SIGINT)
                self.server.wait(30)
        self.check_on_disk(self.result.confirmed)
        return self.result


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def report(args: argparse.Namespace, result: Result) -> str:
    """The figures, in the form docs/performance.md quotes them."""
    ms = [x * 1000 for x in result.latencies]
    settle = 5.0
    steady = [
        x * 1000
        for x, at in zip(result.latencies, result.sent, strict=True)
        if at > result.all_joined + settle
        and not result.restarted - settle < at < result.restarted + settle
    ]
    lines = [
        f"participants {args.participants}, answers each {args.answers}, think time "
        f"{args.think:g} s on average, questionnaire {args.questionnaire or 'scaling-readiness'}",
        f"answers confirmed {len(result.confirmed)} of {args.participants * args.answers} in "
        f"{result.wall:.1f} s ({len(result.confirmed) / result.wall:.0f} answers/s)",
        f"latency per answer: p50 {statistics.median(ms):.1f} ms, p90 {percentile(ms, 90):.1f} "
        f"ms, p99 {percentile(ms, 99):.1f} ms, max {max(ms):.1f} ms",
    ]
    if steady:
        lines.append(
            f"  of which {len(steady)} sent more than {settle:g} s after the last join and "
            f"{settle:g} s away from the restart: p50 {statistics.median(steady):.1f} ms, "
            f"p90 {percentile(steady, 90):.1f} ms, p99 {percentile(steady, 99):.1f} ms"
        )
    if result.server_cpu:
        lines.append(
            f"server CPU time {result.server_cpu:.1f} s in all (joins, pages and answers), "
            f"{1000 * result.server_cpu / len(result.confirmed):.1f} ms per answer"
        )
    if result.killed:
        lines.append(
            f"SIGKILL after {result.confirmed_before_kill} confirmed answers; restarted and "
            f"answering again after {result.down:.1f} s; {result.failed_attempts} attempts failed "
            "while it was down and were retried"
        )
    lines.append(
        f"confirmed answers missing or different on disk: {len(result.lost)}"
        + (f" ({', '.join(result.lost[:10])})" if result.lost else "")
    )
    return "\n".join(lines)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--answers", type=int, default=10, help="answers per participant")
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean seconds between a participant's answers"
    )
    parser.add_argument("--kill-at", type=float, default=0.5, help="share of answers, >1: never")
    parser.add_argument("--questionnaire", "-q", default=None)
    parser.add_argument("--folder", type=Path, default=None, help="keep the files here")
    return parser.parse_args(argv)


def run_load(args: argparse.Namespace) -> Result:
    """Run the load in ``args.folder`` (a new temporary folder if ``None``)."""
    if args.folder is not None:
        args.folder.mkdir(parents=True, exist_ok=True)
        return asyncio.run(Load(args, args.folder).run())
    with tempfile.TemporaryDirectory(prefix="scaleready-serve-") as tmp:
        return asyncio.run(Load(args, Path(tmp)).run())


def main(argv: list[str] | None = None) -> int:
    """Run and print the figures; exit 1 if an answer was lost."""
    args = parse(argv)
    result = run_load(args)
    print(report(args, result))
    return 1 if result.lost else 0


if __name__ == "__main__":
    sys.exit(main())
