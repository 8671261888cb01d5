"""Settings of the dashboard, declared once as data (see :mod:`config.settings`)."""

from config.settings import SETTINGS, Settings, SettingsError, load_settings

__all__ = ["SETTINGS", "Settings", "SettingsError", "load_settings"]
