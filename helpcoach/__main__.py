"""`python -m helpcoach`."""

from helpcoach.entry import run

run()
