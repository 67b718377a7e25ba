"""The simulated Alexa device: request envelopes as Alexa sends them, a session carried
from turn to turn, one conversation by text, and a voice to hear it."""
