"""Foundation: spec model, vocabulary, errors, home, cache, context, SQL quoting, clock. Imports nothing above it."""
