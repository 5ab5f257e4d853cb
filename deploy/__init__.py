"""The production topology: one description (topology.toml) and what is derived from it."""
