"""Data files: demo company, translations, themes, growth map definition."""
