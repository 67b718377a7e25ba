"""The Alexa glue: thin ASK SDK handlers around the plain-Python conversation."""
