"""Understanding typed text as Alexa would: normalising it, matching it to the interaction
model, choosing an intent for words that are not a sample. Never imports the device side."""
