"""Quality checks by dimension, scores, publication gates and reports."""
