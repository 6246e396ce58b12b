"""A minimal streaming xlsx writer: typed cells, one pass, constant memory.

openpyxl builds an object per cell and wrote 100,000 rows × 13 columns in minutes on our machine;
a release workbook needs only rows of typed cells, so this writes the sheet XML directly into the
zip (inline strings, four cell styles). The files open in Excel, LibreOffice and openpyxl.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

Style = Literal["general", "text", "date", "datetime", "header"]
_STYLE_INDEX = {"general": 0, "text": 1, "date": 2, "datetime": 3, "header": 4}
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
_EPOCH = datetime(1899, 12, 30)  # Excel's day 0 (with its 1900 leap-year quirk already folded in)

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "{sheets}</Types>"
)
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
# Styles: 0 general, 1 text (@), 2 date, 3 date-time, 4 bold text (headers).
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def _text(value: str) -> str:
    return _ILLEGAL.sub("", value).translate(_ESCAPES)


def column_letters(n: int) -> list[str]:
    """A, B, …, Z, AA, AB, … for the first `n` columns."""
    out = []
    for i in range(1, n + 1):
        name = ""
        while i:
            i, rem = divmod(i - 1, 26)
            name = chr(65 + rem) + name
        out.append(name)
    return out


def _cell(ref: str, value: Any, style: Style) -> str:
    s = _STYLE_INDEX[style]
    if value is None:
        # Written, not left out: readers then see every row as wide as the header, and what a
        # person types into a text column stays text.
        return f'<c r="{ref}" s="{s}"/>'

    if style in ("text", "header") or isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr" s="{s}"><is><t xml:space="preserve">{_text(str(value))}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b" s="{s}"><v>{int(value)}</v></c>'
    if isinstance(value, datetime):
        delta = value.replace(tzinfo=None) - _EPOCH
        return f'<c r="{ref}" s="{s}"><v>{delta.days + delta.seconds / 86400 + delta.microseconds / 86400e6!r}</v></c>'
    if isinstance(value, date):
        return f'<c r="{ref}" s="{s}"><v>{(value - _EPOCH.date()).days}</v></c>'
    # repr keeps a float's every digit; int and Decimal print as plain numbers.
    number = repr(value) if isinstance(value, float) else str(value)
    return f'<c r="{ref}" s="{s}"><v>{number}</v></c>'


class XlsxWriter:
    """Write sheets of typed rows into an xlsx file; use as a context manager."""

    def __init__(self, path: Path) -> None:
        self._zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        self._names: list[str] = []

    def sheet(self, name: str, header: Sequence[str], rows: Iterable[Sequence[Any]], styles: Sequence[Style],
              freeze_header: bool = True) -> None:
        """One sheet: a bold text header row, then `rows` with cell `styles` per column."""
        self._names.append(name)
        pane = (
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
            'state="frozen"/></sheetView></sheetViews>'
            if freeze_header else ""
        )
        with self._zip.open(f"xl/worksheets/sheet{len(self._names)}.xml", "w") as fh:
            fh.write(
                ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                 f"{pane}<sheetData>").encode()
            )
            letters = column_letters(len(header))
            fh.write(('<row r="1">' + "".join(_cell(f"{c}1", h, "header") for c, h in zip(letters, header)) + "</row>").encode())
            chunk: list[str] = []
            for n, row in enumerate(rows, 2):
                cells = "".join(_cell(f"{c}{n}", v, st) for c, v, st in zip(letters, row, styles))
                chunk.append(f'<row r="{n}">{cells}</row>')
                if len(chunk) >= 2000:
                    fh.write("".join(chunk).encode())
                    chunk = []
            fh.write(("".join(chunk) + "</sheetData></worksheet>").encode())

    def close(self) -> None:
        """Write the workbook parts that list the sheets, and close the file."""
        n = len(self._names)
        self._zip.writestr("[Content_Types].xml", _CONTENT_TYPES.format(sheets="".join(_SHEET_TYPE.format(n=i) for i in range(1, n + 1))))
        self._zip.writestr("_rels/.rels", _ROOT_RELS)
        self._zip.writestr("xl/styles.xml", _STYLES)
        sheets = "".join(f'<sheet name="{_text(name)}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(self._names, 1))
        self._zip.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f"<sheets>{sheets}</sheets></workbook>",
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            f'Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        styles_rel = (
            f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
            'Target="styles.xml"/>'
        )
        self._zip.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}{styles_rel}</Relationships>',
        )
        self._zip.close()

    def __enter__(self) -> XlsxWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
