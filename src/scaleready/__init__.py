"""scaleready: a scaling-readiness assessment for technology organisations."""

__version__ = "0.1.0"
