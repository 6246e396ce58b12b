"""Detection of personal and commercial-secret data (columns and free text) and masking operators."""
