"""axis: a sourced fact and timeline explorer for the China–Russia–North Korea alignment."""

__version__ = "0.1.0"
