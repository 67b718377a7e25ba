"""The interaction model: built from interaction_model/ into skill-package/, by its own
pattern grammar, and checked against Alexa's rules and limits."""
