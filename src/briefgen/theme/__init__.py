"""Themes: colours and fonts by role, page and slide sizes, templates; built-in themes and theme files."""
