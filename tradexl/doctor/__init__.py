"""`tradexl doctor`: why a Trade ribbon button would fail on this computer, and the one-line fix for each cause.

The most reported xlwings problems after a click are "Could not find interpreter" and "No module named ...":
the add-in points at a Python without tradexl, or the add-in's version differs from the pip-installed xlwings.
`facts` gathers what can be observed (files, versions, the interpreter Excel will start); `checks` turns those
facts into findings without touching anything, so every rule is tested on literal facts.
"""

from tradexl.doctor.checks import Finding, diagnose
from tradexl.doctor.facts import Facts, gather, set_interpreter

__all__ = ["Facts", "Finding", "diagnose", "gather", "set_interpreter"]
