"""Output: views choose what to read and which renderer to use; one module per format; checked writes."""
