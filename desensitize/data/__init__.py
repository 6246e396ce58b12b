"""Small data files the detectors read: the surname list and the labelled name evaluation set."""
