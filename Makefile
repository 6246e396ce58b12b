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

# The audit key (HMAC of every audit entry) lives where the CLI, `python flows.py serve` and its
# workers look without any variable: $XDG_CONFIG_HOME/opendata/audit.key (else
# ~/.config/opendata/audit.key), outside the home directory and out of git; its anchor is written
# beside it as audit.key.anchor.json. `make run` creates a random one there if there is none; set
# OPENDATA_AUDIT_KEY_FILE (and OPENDATA_AUDIT_ANCHOR) to use another.
AUDITKEY := $(or $(XDG_CONFIG_HOME),$(HOME)/.config)/opendata/audit.key
$(AUDITKEY): | $(BIN)/python
	$(BIN)/python -c "import os, secrets; os.makedirs(os.path.dirname('$(AUDITKEY)'), mode=0o700, exist_ok=True); fd = os.open('$(AUDITKEY)', os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600); os.write(fd, secrets.token_urlsafe(32).encode())"
	@echo "created the audit key $(AUDITKEY) (keep it: audit verify needs the same key)"

run: install $(KEYFILE) $(AUDITKEY)
	OPENDATA_PSEUDONYM_KEY_FILE=$${OPENDATA_PSEUDONYM_KEY_FILE:-$(KEYFILE)} $(BIN)/opendata publish --all --home ./var

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
