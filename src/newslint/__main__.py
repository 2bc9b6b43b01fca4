"""``python -m newslint``: the same as the ``newslint`` command."""

from .launch import main

main()
