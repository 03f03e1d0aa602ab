"""Reading, validating and storing a dataset: the one path from a YAML file to answers."""
