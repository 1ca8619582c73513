"""Renderers: pure functions from records to Rich renderables or text. Only cli/ prints."""
