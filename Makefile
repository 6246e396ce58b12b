# The two set-up commands: `make run` and `make test`. Both bootstrap .venv on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependency pins change.
$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,bench]'
	touch $(STAMP)

install: $(STAMP)

# A random pseudonym key for sample runs, kept outside the home directory and out of git. Set
# OPENDATA_PSEUDONYM_KEY_FILE (or OPENDATA_PSEUDONYM_KEY) to use the real one instead.
KEYFILE := $(VENV)/pseudonym.key
$(KEYFILE): $(BIN)/python
	$(BIN)/python -c "import os, secrets; fd = os.open('$(KEYFILE)', os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600); os.write(fd, secrets.token_urlsafe(32).encode())"

# The audit key (HMAC of every audit entry) beside it; its anchor is written beside the key as
# audit.key.anchor.json. Set OPENDATA_AUDIT_KEY_FILE to use the real one.
AUDITKEY := $(VENV)/audit.key
$(AUDITKEY): $(BIN)/python
	$(BIN)/python -c "import os, secrets; fd = os.open('$(AUDITKEY)', os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600); os.write(fd, secrets.token_urlsafe(32).encode())"

run: install $(KEYFILE) $(AUDITKEY)
	OPENDATA_PSEUDONYM_KEY_FILE=$${OPENDATA_PSEUDONYM_KEY_FILE:-$(KEYFILE)} OPENDATA_AUDIT_KEY_FILE=$${OPENDATA_AUDIT_KEY_FILE:-$(AUDITKEY)} $(BIN)/opendata publish --all --home ./var

# The layer contracts (import-linter), types (mypy) and lint (ruff), configured in pyproject.toml,
# then the tests. Each stops the run on the first failure.
test: install
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/ruff check
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) var
