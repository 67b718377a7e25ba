"""Local tools for Facial Spasm Guide: they build and exercise the skill, and never ship."""
