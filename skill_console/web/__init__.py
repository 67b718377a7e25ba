"""The local web server: a verified Alexa endpoint and a browser console (never deployed)."""
