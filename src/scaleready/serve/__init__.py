"""``scaleready serve``: a workshop in the browser, on the consultant's laptop, offline.

- :mod:`~scaleready.serve.session`: the session's tokens, participants and phase, kept in a small
  state file in the workshop folder so that a restarted server resumes;
- :mod:`~scaleready.serve.store`: each participant's answers file, saved atomically after every
  answer with the interview's own answers-file code, merged question by question;
- :mod:`~scaleready.serve.forms`: what a submitted form means for each question, and what a
  question's form shows (the interview's semantics: don't know, N/A with a reason, a note);
- :mod:`~scaleready.serve.report`: the workshop report and consensus file, with small roles
  merged so that no group below the minimum size is shown apart;
- :mod:`~scaleready.serve.security`: CSRF tokens, security headers and the request size limit;
- :mod:`~scaleready.serve._participant` and :mod:`~scaleready.serve._facilitator`: the pages;
- :mod:`~scaleready.serve.app`: the Starlette application that puts them together;
- :mod:`~scaleready.serve.run`: the URLs, the terminal QR code and the uvicorn server.

Starlette, uvicorn and python-multipart are imported only here, and this package only by the
``serve`` command, so that every other command starts as fast as before.
"""

__all__: list[str] = []
