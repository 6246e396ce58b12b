"""What the usability checks share."""

from __future__ import annotations

import re


CONTROL_RE = r"[\x00-\x1f\x7f]"
PLACEHOLDER = re.compile(r"^(column|col|unnamed|field|var|列|字段|未命名)[\s_:：-]*\d*$", re.I)
DATA_LIKE = re.compile(r"\d{6,}|@")  # an ID, phone or e-mail as a "name": the header row is missing
CONTROL = re.compile(CONTROL_RE)
MAX_NAME = 64
