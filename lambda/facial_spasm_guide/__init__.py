"""Facial Spasm Guide: an Alexa skill that answers questions from a consumer health guide."""
