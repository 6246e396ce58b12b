"""`HOME/catalog.jsonld` (+ `.ttl`, `.rdf`): a DCAT-AP 3.0.1 catalog of every release, rebuilt from the registry.

Each dataset is a `dcat:DatasetSeries` (also typed `dcat:Dataset`, its superclass, for older readers)
whose releases are its versions: each release is a `dcat:Dataset` with `dcat:inSeries`,
`dct:isVersionOf`/`dcat:hasVersion`, `dcat:version` and `adms:status` (EU dataset-status COMPLETED or
WITHDRAWN). A republished version `dct:replaces` the withdrawn one, which `dct:isReplacedBy` it. Each
release file is a `dcat:Distribution` with its size and sha256 (`spdx:checksum`). Withdrawn
distributions keep their checksum (so a copy in the wild can be identified) and their access URL (the
release folder, which now answers "gone") but lose their download URL.

Every resource the DCAT-AP shapes give a class (media type, licence, status, access rights, frequency,
contact point, checksum algorithm) is written as a typed node, so the catalog passes the official
SHACL shapes with no violation (tests/test_dcat_shacl.py).

The files are rebuilt while the registry is held (so two processes cannot write an older view over a
newer one) and each is replaced atomically (temp file + os.replace), so readers never see half a catalog.
Beside the whole catalog, `HOME/catalog/<dataset_id>.{jsonld,ttl,rdf}` describe one dataset each.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from rdflib import Graph

from pipelines.core.home import Home
from pipelines.store import audit
from pipelines.store.releases import file_rows, release_rows
from pipelines.core.clock import SHANGHAI
from pipelines.core.vocab import DatasetStatus, Licence, OpenType, UpdateFrequency

CONTEXT: dict[str, Any] = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "spdx": "http://spdx.org/rdf/terms#",
    "adms": "http://www.w3.org/ns/adms#",
    "prov": "http://www.w3.org/ns/prov#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

ID_PREFIX = "urn:opendata-fuzhou:dataset:"
IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"

MEDIA_TYPES = {
    ".csv": "text/csv",
    ".parquet": "application/vnd.apache.parquet",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",  # data.xlsx, the Chinese-headed workbook
    ".json": "application/json",
    ".html": "text/html",
    ".md": "text/markdown",
}

# The serializations written beside each other, by file suffix: (rdflib format, media type).
FORMATS: dict[str, tuple[str, str]] = {
    "jsonld": ("json-ld", "application/ld+json"),
    "ttl": ("turtle", "text/turtle"),
    "rdf": ("xml", "application/rdf+xml"),
}

def frequency_uri(value: str) -> str:
    """The EU frequency URI of an `update_frequency` key."""
    return UpdateFrequency(value).eu_uri


def access_rights_uri(value: str) -> str:
    """The EU access-right URI of an `open_type` key."""
    return OpenType(value).eu_access_right_uri


def dataset_iri(dataset_id: str, version: str | None = None) -> str:
    """Stable identifiers that do not depend on where the home directory lives."""
    return f"{ID_PREFIX}{dataset_id}" + (f":{version}" if version else "")


def _zh(text: str) -> dict[str, str]:
    return {"@value": text, "@language": "zh"}


def _datetime(value: datetime | str) -> dict[str, str]:
    text = value.astimezone(SHANGHAI).isoformat() if isinstance(value, datetime) else value
    return {"@value": text, "@type": "xsd:dateTime"}


def _iri(value: str) -> dict[str, str]:
    return {"@id": value}


def _status(release_status: str) -> dict[str, Any]:
    # The shapes require a skos:Concept, and a concept its skos:prefLabel.
    status = DatasetStatus(release_status)
    return {"@id": status.eu_uri, "@type": "skos:Concept", "skos:prefLabel": _zh(status.label)}


def _licence(licence_id: str) -> dict[str, Any]:
    # The spec loader accepts only ids of the Licence vocabulary; older registry rows may hold others.
    if licence_id in Licence._value2member_map_:
        licence = Licence(licence_id)
        return {"@id": licence.eu_uri, "@type": "dct:LicenseDocument", "rdfs:seeAlso": _iri(licence.spdx_url),
                "dct:identifier": licence.value}
    return {"@id": f"https://spdx.org/licenses/{licence_id}", "@type": "dct:LicenseDocument", "dct:identifier": licence_id}


def _media_type(name: str) -> dict[str, Any]:
    return {"@id": IANA_MEDIA_TYPES + MEDIA_TYPES.get(Path(name).suffix, "application/octet-stream"), "@type": "dct:MediaType"}


def _access_rights(open_type: str) -> dict[str, Any]:
    return {"@id": access_rights_uri(open_type), "@type": "dct:RightsStatement"}


def _frequency(value: str) -> dict[str, Any]:
    frequency = UpdateFrequency(value)
    return {"@id": frequency.eu_uri, "@type": "dct:Frequency", "skos:prefLabel": _zh(frequency.label)}


# A phone number or an e-mail address inside the free-text contact of a spec.
_PHONE = re.compile(r"(?<![0-9])(0[0-9]{2,3}-?[0-9]{5,8}|1[3-9][0-9]{9}|[0-9]{5})(?![0-9])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def _tel_uri(number: str) -> str:
    digits = number.replace("-", "")
    if digits.startswith("0"):  # a landline: the international form drops the trunk 0 of the area code
        area = 2 if digits[1] in "12" else 3  # 010 and 02x are two-digit area codes, the others (0591) three
        return f"tel:+86-{digits[1:1 + area]}-{digits[1 + area:]}"
    if len(digits) == 11:
        return f"tel:+86-{digits}"
    return f"tel:{digits};phone-context=+86"  # a national service number (12345, 12366)


def contact_point(department: str, contact: str) -> dict[str, Any]:
    """The `dcat:contactPoint` (a `vcard:Kind`) of a provider: its name, the contact text, phone and e-mail found in it."""
    node: dict[str, Any] = {
        "@type": ["vcard:Kind", "vcard:Organization"],
        "vcard:fn": _zh(department),
        "vcard:note": _zh(contact),
    }
    phone = _PHONE.search(contact)
    if phone:
        node["vcard:hasTelephone"] = _iri(_tel_uri(phone.group(1)))
    email = _EMAIL.search(contact)
    if email:
        node["vcard:hasEmail"] = _iri(f"mailto:{email.group(0)}")
    return node


def _generated_by(release: dict[str, Any]) -> dict[str, Any]:
    if release.get("flow_run_id"):
        return {"@id": f"urn:prefect:flow-run:{release['flow_run_id']}", "@type": "prov:Activity"}
    # Published by the plain runner (no Prefect): still an activity, named by the release it produced.
    return {
        "@id": f"urn:opendata-fuzhou:run:{release['dataset_id']}:{release['version']}",
        "@type": "prov:Activity",
        "rdfs:label": "publication run without Prefect (plain runner)",
    }


def _rights(release: dict[str, Any]) -> dict[str, Any]:
    open_type = OpenType(release["open_type"])
    text = open_type.label + (f"：{release['open_conditions']}" if release.get("open_conditions") else "")
    return {"@type": "dct:RightsStatement", "rdfs:label": _zh(text)}


def _distribution(release: dict[str, Any], name: str, info: dict[str, Any]) -> dict[str, Any]:
    iri = dataset_iri(release["dataset_id"], release["version"]) + f":{name}"
    # Relative to @base (the home directory). A withdrawn release has left this folder (moved to
    # quarantine): the access URL stays, so a harvester learns the release is gone rather than nothing.
    folder = f"releases/{release['dataset_id']}/{release['version']}"
    node: dict[str, Any] = {
        "@id": iri,
        "@type": "dcat:Distribution",
        "dct:title": name,
        "dcat:mediaType": _media_type(name),
        "dcat:byteSize": {"@value": str(info["bytes"]), "@type": "xsd:nonNegativeInteger"},
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256", "@type": "spdx:ChecksumAlgorithm"},
            "spdx:checksumValue": {"@value": info["sha256"], "@type": "xsd:hexBinary"},
        },
        "dct:issued": _datetime(release["published_at"]),
        "owl:versionInfo": release["version"],
        "dcat:version": release["version"],
        "adms:status": _status(release["status"]),
        "dct:rights": _rights(release),
        "dcat:accessURL": _iri(f"{folder}/"),
    }
    if release.get("license"):
        node["dct:license"] = _licence(release["license"])
    if release["status"] == "published":
        node["dcat:downloadURL"] = _iri(f"{folder}/{name}")
    return node


def _version_node(release: dict[str, Any], files: dict[str, dict[str, Any]], replaced_by: list[str], previous: str | None) -> dict[str, Any]:
    dataset_id, version = release["dataset_id"], release["version"]
    node: dict[str, Any] = {
        "@id": dataset_iri(dataset_id, version),
        "@type": "dcat:Dataset",
        "dct:identifier": f"{dataset_id}/{version}",
        "dct:title": _zh(f"{release.get('title') or dataset_id}（{version}）"),
        "dct:description": _zh(release.get("description") or release.get("title") or dataset_id),
        "dct:isVersionOf": _iri(dataset_iri(dataset_id)),
        "dcat:inSeries": _iri(dataset_iri(dataset_id)),
        "owl:versionInfo": version,
        "dcat:version": version,
        "dct:issued": _datetime(release["published_at"]),
        "adms:status": _status(release["status"]),
        "dct:accessRights": _access_rights(release["open_type"]),
        "dct:rights": _rights(release),
        "prov:wasGeneratedBy": _generated_by(release),
        "dcat:distribution": [_distribution(release, name, files[name]) for name in sorted(files)],
    }
    if release.get("replaces"):
        node["dct:replaces"] = _iri(dataset_iri(dataset_id, release["replaces"]))
    if replaced_by:
        node["dct:isReplacedBy"] = [_iri(dataset_iri(dataset_id, v)) for v in replaced_by]
    if previous:
        node["dcat:previousVersion"] = _iri(dataset_iri(dataset_id, previous))
    if release["status"] == "withdrawn" and release.get("withdrawn_at"):
        # The time only: the reason may describe the leak and stays in the registry and audit log.
        node["dct:modified"] = _datetime(release["withdrawn_at"])
        node["adms:versionNotes"] = _zh(f"已撤回（withdrawn）{_datetime(release['withdrawn_at'])['@value']}")
    return node


def _dataset_node(releases: list[dict[str, Any]], versions: list[dict[str, Any]]) -> dict[str, Any]:
    published = [r for r in releases if r["status"] == "published"]
    current = (published or releases)[-1]  # the catalog entry as the newest (published) release states it
    dataset_id = current["dataset_id"]
    node: dict[str, Any] = {
        "@id": dataset_iri(dataset_id),
        # A series of releases (DCAT-AP 3); dcat:Dataset is its superclass, stated for readers without inference.
        "@type": ["dcat:DatasetSeries", "dcat:Dataset"],
        "dct:identifier": dataset_id,
        "dct:title": _zh(current.get("title") or dataset_id),
        "dct:description": _zh(current.get("description") or current.get("title") or dataset_id),
        "dcat:keyword": [_zh(k) for k in current.get("keywords") or []],
        "dct:issued": _datetime(releases[0]["published_at"]),
        "dct:modified": _datetime(releases[-1]["published_at"]),
        "owl:versionInfo": current["version"],
        "adms:status": _status("published" if published else "withdrawn"),
        "dct:accessRights": _access_rights(current["open_type"]),
        "dct:rights": _rights(current),
        "dcat:hasVersion": [_iri(v["@id"]) for v in versions],
        "dcat:first": _iri(versions[0]["@id"]),
        "dcat:last": _iri(versions[-1]["@id"]),
    }
    if published:
        node["dcat:hasCurrentVersion"] = _iri(dataset_iri(dataset_id, current["version"]))
    if current.get("publisher"):
        node["dct:publisher"] = {"@type": "foaf:Agent", "foaf:name": _zh(current["publisher"])}
        node["dcat:contactPoint"] = contact_point(current["publisher"], current.get("contact") or "")
    if current.get("domain"):
        node["dcat:theme"] = {"@type": "skos:Concept", "skos:prefLabel": _zh(current["domain"])}
    if current.get("update_frequency"):
        node["dct:accrualPeriodicity"] = _frequency(current["update_frequency"])
    if current.get("license"):
        node["dct:license"] = _licence(current["license"])
    return node


def build_catalog(releases: list[dict[str, Any]], files: dict[tuple[str, str], dict[str, dict[str, Any]]], base: str) -> dict[str, Any]:
    """The JSON-LD document for registry rows (`release_rows`) and their files (`file_rows`)."""
    by_dataset: dict[str, list[dict[str, Any]]] = {}
    for row in releases:  # already sorted by dataset, then version
        by_dataset.setdefault(row["dataset_id"], []).append(row)
    graph: list[dict[str, Any]] = []
    dataset_ids: list[str] = []
    for dataset_id, rows in by_dataset.items():
        replaced_by: dict[str, list[str]] = {}
        for r in rows:
            if r.get("replaces"):
                replaced_by.setdefault(r["replaces"], []).append(r["version"])
        versions = [
            _version_node(r, files.get((dataset_id, r["version"]), {}), replaced_by.get(r["version"], []), rows[i - 1]["version"] if i else None)
            for i, r in enumerate(rows)
        ]
        graph.append(_dataset_node(rows, versions))
        graph.extend(versions)
        dataset_ids.append(dataset_iri(dataset_id))
    catalog = {
        "@id": "urn:opendata-fuzhou:catalog",
        "@type": "dcat:Catalog",
        "dct:title": _zh("福州市公共数据开放目录"),
        "dct:description": _zh("福州市公共数据开放平台的数据目录（DCAT-AP），含已撤回的版本。"),
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": _zh("福州市大数据委")},
        "dct:modified": _datetime(datetime.now(SHANGHAI)),
        "dcat:dataset": [_iri(i) for i in dataset_ids],
    }
    return {"@context": {**CONTEXT, "@base": base}, "@graph": [catalog, *graph]}


def _graph(document: dict[str, Any]) -> Graph:
    graph = Graph()
    graph.parse(data=json.dumps(document, ensure_ascii=False, default=str), format="json-ld")
    for prefix, namespace in CONTEXT.items():
        graph.bind(prefix, namespace)
    return graph


def serializations(document: dict[str, Any]) -> dict[str, bytes]:
    """The JSON-LD document and the same graph in Turtle and RDF/XML, by file suffix."""
    graph = _graph(document)
    out = {"jsonld": json.dumps(document, ensure_ascii=False, default=str).encode("utf-8")}  # compact: rebuilt after every change
    for suffix in ("ttl", "rdf"):
        out[suffix] = graph.serialize(format=FORMATS[suffix][0], encoding="utf-8")
    return out


def dataset_documents(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """One JSON-LD document per dataset: its series node and its releases (with their distributions)."""
    graph = document["@graph"]
    out: dict[str, dict[str, Any]] = {}
    for node in graph:
        if node["@id"].startswith(ID_PREFIX) and "dcat:DatasetSeries" in node["@type"]:
            dataset_id = node["dct:identifier"]
            versions = {v["@id"] for v in node["dcat:hasVersion"]}
            out[dataset_id] = {
                "@context": document["@context"],
                "@graph": [node, *(n for n in graph if n["@id"] in versions)],
            }
    return out


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".catalog-", suffix=path.suffix + ".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def catalog_path(home: Home, fmt: str = "jsonld", dataset_id: str | None = None) -> Path:
    """Where the whole catalog (or one dataset's entry) is written in the format with suffix `fmt`."""
    if fmt not in FORMATS:
        raise KeyError(f"unknown catalog format {fmt!r} (one of: {', '.join(FORMATS)})")
    if dataset_id is None:
        return home.catalog.with_suffix(f".{fmt}")
    return home.root / "catalog" / f"{dataset_id}.{fmt}"


def _write_dataset(home: Home, dataset_id: str, part: dict[str, Any]) -> None:
    # Only a dataset whose entry changed is serialized again: Turtle and RDF/XML cost far more than
    # the JSON-LD, and a publication changes one dataset of many.
    jsonld = json.dumps(part, ensure_ascii=False, default=str).encode("utf-8")
    paths = {fmt: catalog_path(home, fmt, dataset_id) for fmt in FORMATS}
    if all(p.exists() for p in paths.values()) and paths["jsonld"].read_bytes() == jsonld:
        return
    for fmt, data in serializations(part).items():
        if fmt != "jsonld":
            _write_atomically(paths[fmt], data)
    _write_atomically(paths["jsonld"], jsonld)  # last: it is what says the other two are current


def write_catalog(home: Home) -> Path:
    """Rebuild `HOME/catalog.jsonld`, `.ttl`, `.rdf` and `HOME/catalog/<id>.*` from the registry, each atomically."""
    base = home.root.as_uri() + "/"
    with audit.transaction(home) as con:
        # Built and written while the registry is held: a concurrent change waits, then rebuilds.
        document = build_catalog(release_rows(con), file_rows(con), base)
        # The per-dataset files first and catalog.jsonld last: its time stamp says everything is current.
        for dataset_id, part in dataset_documents(document).items():
            _write_dataset(home, dataset_id, part)
        whole = serializations(document)
        for fmt in ("ttl", "rdf", "jsonld"):
            _write_atomically(catalog_path(home, fmt), whole[fmt])
    return home.catalog


def catalog_bytes(home: Home, fmt: str = "jsonld", dataset_id: str | None = None) -> tuple[bytes, str]:
    """The written catalog (or one dataset's entry) and its media type, for content negotiation.

    `fmt` is a file suffix (jsonld, ttl, rdf) or a media type (application/ld+json, text/turtle,
    application/rdf+xml). Raises KeyError for another format, FileNotFoundError for an unknown dataset.
    """
    by_media_type = {media: suffix for suffix, (_, media) in FORMATS.items()}
    suffix = by_media_type.get(fmt, fmt)
    path = catalog_path(home, suffix, dataset_id)
    return path.read_bytes(), FORMATS[suffix][1]
