"""The labelled phrasing sets (tests/phrasings/): measuring understanding and conversation
moves, exporting them as Alexa annotation sets, training the red-flag reader on them."""
