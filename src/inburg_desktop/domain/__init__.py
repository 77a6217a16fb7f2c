"""Pure domain rules of the Wet inburgering 2021: no Qt, no SQL, nothing of the project."""
