"""The charts' colours: the Okabe-Ito palette, tints of it for areas behind text, and the
report's ink and greys."""

from __future__ import annotations

# Okabe-Ito (Okabe & Ito 2008), and light tints of it for areas behind text.
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"

INK = "#1B1F24"  # body text: 16:1 on white
MUTED = "#57606A"  # secondary text: 6.4:1 on white (WCAG AA)
TRACK = "#EEF0F3"
GRID = "#D0D7DE"
GREY = "#AEB6BF"

LEVEL_COLOURS = {"critical": VERMILLION, "high": ORANGE, "medium": YELLOW, "low": GREEN}
TINTS = {
    "mechanism": "#F5E4EE",
    "value": "#D9F0E8",
    "capability": "#D6E8F5",
    "factor": "#F8E1D3",
    "outcome": "#E3F2FB",
}
STROKES = {
    "mechanism": PURPLE,
    "value": GREEN,
    "capability": BLUE,
    "factor": VERMILLION,
    "outcome": SKY,
}
