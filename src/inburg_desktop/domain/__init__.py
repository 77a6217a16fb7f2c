"""Pure domain rules of the Wet inburgering 2021: no Qt, no SQL, nothing of the project.

Cases, intake topics, deadlines, leerroute advice, PIP content and its rules, each citing
the article it follows; every screen, PDF and report calls the rule here.

May import: the standard library and small pure packages (Babel, pycountry, langcodes,
Pillow for logo checks); nothing of ``inburg_desktop``.
"""
