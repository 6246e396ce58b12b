"""The tag stage: the release's open type and whether it is individual-level."""
