"""helpcoach: a terminal coach for parents whose child refuses help."""

__version__ = "0.1.0"
