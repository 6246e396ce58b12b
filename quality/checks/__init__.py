"""Built-in checks, one module per quality dimension; importing this package registers them all."""

from quality.checks import accuracy, authenticity, completeness, timeliness, usability  # noqa: F401
