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

# The pseudonym key lives where the CLI, `python flows.py serve` and its workers look without any
# variable: $XDG_CONFIG_HOME/opendata/pseudonym.key (else ~/.config/opendata/pseudonym.key), outside
# the home directory and out of git. `make run` creates a random one there if there is none; set
# OPENDATA_PSEUDONYM_KEY_FILE (or OPENDATA_PSEUDONYM_KEY) to use another.
KEYFILE := $(or $(XDG_CONFIG_HOME),$(HOME)/.config)/opendata/pseudonym.key
$(KEYFILE): | $(BIN)/python
	$(BIN)/python -c "import os, secrets; os.makedirs(os.path.dirname('$(KEYFILE)'), mode=0o700, exist_ok=True); fd = os.open('$(KEYFILE)', os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600); os.write(fd, secrets.token_urlsafe(32).encode())"
	@echo "created the pseudonym key $(KEYFILE) (keep it: the same key gives the same pseudonyms)"

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
	$(BIN)/opendata publish --all --home ./var

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
