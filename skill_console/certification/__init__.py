"""`skill-console check`: the offline certification check and the rules it applies."""
