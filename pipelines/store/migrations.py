"""The registry's schema, as an ordered list of migrations, applied when the home is opened for writing.

Each migration runs once per registry, inside the write transaction that finds it missing, and is
recorded in `schema_version`; importing a module never creates a table. A registry written before
this list existed has the tables of migrations 1-4 already: their `CREATE TABLE IF NOT EXISTS`
statements change nothing there and only record the version.

Adding a table (or a column) is one new entry at the end of `MIGRATIONS`, with the next number.
Never edit or reorder an entry that has shipped: registries out there have already applied it.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from pipelines.core import clock


@dataclass(frozen=True)
class Migration:
    """One step of the registry schema: a version number, what it adds, and its DDL statements."""

    version: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: list[Migration] = [
    Migration(1, "releases and their files", (
        """CREATE TABLE IF NOT EXISTS releases (
            dataset_id VARCHAR NOT NULL,
            version VARCHAR NOT NULL,
            status VARCHAR NOT NULL,              -- published | withdrawn
            open_type VARCHAR NOT NULL,
            path VARCHAR NOT NULL,                -- release folder relative to the home
            published_at TIMESTAMPTZ NOT NULL,
            rows BIGINT NOT NULL,
            source_path VARCHAR NOT NULL,
            source_sha256 VARCHAR NOT NULL,
            spec_path VARCHAR NOT NULL,
            spec_sha256 VARCHAR NOT NULL,
            flow_run_id VARCHAR,
            replaces VARCHAR,
            withdrawn_at TIMESTAMPTZ,
            withdraw_reason VARCHAR,
            withdraw_field VARCHAR,
            PRIMARY KEY (dataset_id, version)
        )""",
        """CREATE TABLE IF NOT EXISTS release_files (
            dataset_id VARCHAR NOT NULL,
            version VARCHAR NOT NULL,
            file VARCHAR NOT NULL,
            sha256 VARCHAR NOT NULL,
            bytes BIGINT NOT NULL,
            PRIMARY KEY (dataset_id, version, file)
        )""",
    )),
    Migration(2, "audit log", (
        """CREATE TABLE IF NOT EXISTS audit_log (
            seq BIGINT PRIMARY KEY,               -- 1, 2, 3 ... with no gap
            recorded_at VARCHAR NOT NULL,         -- ISO time with offset, kept as text so it hashes exactly
            event VARCHAR NOT NULL,
            actor VARCHAR NOT NULL,
            dataset_id VARCHAR,
            version VARCHAR,
            details VARCHAR NOT NULL,             -- canonical JSON: counts, hashes, names; never a cell value
            prev_hash VARCHAR NOT NULL,
            hash VARCHAR NOT NULL
        )""",
    )),
    Migration(3, "release metadata and withdrawals", (
        # The catalog entry as it stood when each release was written, so catalog.jsonld is rebuilt
        # from the registry alone (a spec file may change or move after publication).
        """CREATE TABLE IF NOT EXISTS release_meta (
            dataset_id VARCHAR NOT NULL,
            version VARCHAR NOT NULL,
            title VARCHAR NOT NULL,
            description VARCHAR NOT NULL,
            publisher VARCHAR NOT NULL,
            contact VARCHAR NOT NULL,
            domain VARCHAR NOT NULL,
            keywords VARCHAR NOT NULL,            -- JSON list
            update_frequency VARCHAR NOT NULL,
            license VARCHAR NOT NULL,
            open_type VARCHAR NOT NULL,
            open_conditions VARCHAR,
            individual_level BOOLEAN,
            columns VARCHAR NOT NULL,             -- JSON list of release column names
            PRIMARY KEY (dataset_id, version)
        )""",
        # A withdrawal is written here first (the intent), then the folder is moved, then the release
        # row is marked withdrawn and `completed_at` set: a crash in between is finished by the next run.
        """CREATE TABLE IF NOT EXISTS withdrawals (
            dataset_id VARCHAR NOT NULL,
            version VARCHAR NOT NULL,
            reason VARCHAR NOT NULL,
            field VARCHAR,
            actor VARCHAR NOT NULL,
            requested_at VARCHAR NOT NULL,
            completed_at VARCHAR,
            PRIMARY KEY (dataset_id, version)
        )""",
    )),
    Migration(4, "access log", (
        """CREATE TABLE IF NOT EXISTS access_log (
            audit_seq BIGINT PRIMARY KEY,         -- the `access` entry of the audit chain
            obtained_at VARCHAR NOT NULL,
            dataset_id VARCHAR NOT NULL,
            version VARCHAR NOT NULL,
            user_name VARCHAR NOT NULL,
            purpose VARCHAR,
            files VARCHAR NOT NULL,               -- JSON list of release file names handed out
            channel VARCHAR NOT NULL              -- cli, portal, ...
        )""",
    )),
    Migration(5, "access log: the grant and grantee of a download", (
        "ALTER TABLE access_log ADD COLUMN IF NOT EXISTS grant_id VARCHAR",  # the authorized-open grant used, if any
        "ALTER TABLE access_log ADD COLUMN IF NOT EXISTS applicant VARCHAR",  # the grantee (registry only, never on a public page)
    )),
    Migration(6, "requests, objections, reviews and published scorecards", (
        """CREATE TABLE IF NOT EXISTS requests (
            id VARCHAR PRIMARY KEY,               -- REQ-2026-0001, OBJ-..., REV-...
            kind VARCHAR NOT NULL,                -- request | objection | review
            objection_kind VARCHAR,               -- error | omission | privacy (objections only)
            department VARCHAR NOT NULL,          -- who must answer (the commission for a review)
            title VARCHAR NOT NULL,
            dataset_id VARCHAR,                   -- objections: the release objected to
            version VARCHAR,
            parent_id VARCHAR,                    -- reviews: the refused request or objection
            requester VARCHAR NOT NULL,           -- personal data: never on a public list, a log or in the audit log
            text VARCHAR NOT NULL,
            received DATE NOT NULL,               -- day of receipt, Asia/Shanghai
            status VARCHAR NOT NULL,              -- open | agreed | refused
            answered DATE,
            reason VARCHAR,
            channel VARCHAR NOT NULL,             -- cli | portal
            created_at VARCHAR NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS scorecards (
            year INTEGER NOT NULL,
            published_at VARCHAR NOT NULL,        -- ISO time with offset
            body VARCHAR NOT NULL,                -- the assessment JSON as published
            sha256 VARCHAR NOT NULL,
            PRIMARY KEY (year, published_at)
        )""",
    )),
    Migration(7, "authorized-open applications and grants", (
        """CREATE TABLE IF NOT EXISTS grant_applications (
            id VARCHAR PRIMARY KEY,               -- APP-YYYYMMDD-xxxxxx, also the grant id once approved
            dataset_id VARCHAR NOT NULL,
            applicant VARCHAR NOT NULL,
            applicant_type VARCHAR NOT NULL,      -- enterprise | university | research-institute | person
            purpose VARCHAR NOT NULL,
            scenario VARCHAR NOT NULL,
            safeguards VARCHAR NOT NULL,
            commercial BOOLEAN NOT NULL,
            tender_ref VARCHAR,
            status VARCHAR NOT NULL,              -- pending | approved | rejected | revoked
            applied_at VARCHAR NOT NULL,
            decided_at VARCHAR,
            decided_by VARCHAR,
            decision_reason VARCHAR,
            token_sha256 VARCHAR,                 -- the token itself is shown once and never stored
            expires_on DATE,
            revoked_at VARCHAR,
            revoke_reason VARCHAR,
            fingerprint_key VARCHAR               -- hex secret keying this grantee's copy (pseudonyms, record ids)
        )""",
    )),
    Migration(8, "restricted applicants", (
        """CREATE TABLE IF NOT EXISTS user_restrictions (
            applicant VARCHAR PRIMARY KEY,
            reason VARCHAR NOT NULL,
            restricted_at VARCHAR NOT NULL,
            restricted_by VARCHAR NOT NULL,
            is_person BOOLEAN NOT NULL            -- a natural person's name is masked on the public page
        )""",
    )),
    Migration(9, "grantees' use reports", (
        """CREATE TABLE IF NOT EXISTS use_reports (
            grant_id VARCHAR NOT NULL,
            submitted_at VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            channel VARCHAR NOT NULL              -- cli | portal
        )""",
    )),
]

_VERSIONS = """CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL,
    applied_at VARCHAR NOT NULL              -- ISO time with offset
)"""


def applied(con: duckdb.DuckDBPyConnection) -> set[int]:
    """The migration versions this registry has (empty for a new one)."""
    con.execute(_VERSIONS)
    return {int(r[0]) for r in con.execute("SELECT version FROM schema_version").fetchall()}


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply every migration the registry lacks, in order, in the caller's transaction; return their versions."""
    have = applied(con)
    done = []
    for m in MIGRATIONS:
        if m.version in have:
            continue
        for statement in m.statements:
            con.execute(statement)
        con.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [m.version, m.name, clock.now().isoformat()])
        done.append(m.version)
    return done
