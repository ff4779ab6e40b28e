"""Bilan Desktop: an offline, encrypted desktop application for bilans de compétences."""

__version__ = "0.1.0"
APP_NAME = "Bilan Desktop"
APP_ID = "bilan-desktop"
