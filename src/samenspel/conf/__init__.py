"""Settings, split by concern (base) and by environment (dev, test, production)."""
