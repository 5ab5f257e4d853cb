"""Date formats of the alliance languages Django ships none for (Lao, Burmese): without them
dates fall back to the site default's, with Chinese month names."""
