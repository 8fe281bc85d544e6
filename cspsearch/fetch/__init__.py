"""Downloading a council's papers from its democracy web service (ModernGov) into a folder of PDFs and sidecars."""
