"""PySide6 user interface: thin, it shows and edits what the domain and storage layers decide."""
