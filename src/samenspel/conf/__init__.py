# SPDX-License-Identifier: EUPL-1.2
"""Settings, split by concern (base) and by environment (dev, test, production)."""
