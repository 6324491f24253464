"""The floor: read and parse every YAML file below a folder with PyYAML's C loader,
on one core, and nothing else. Usage: python bench/floor.py DIR"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main() -> int:
    count = 0
    for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
        with path.open("rb") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)
        count += 1
    print(count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
