"""Where the repository and its example spec are."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "specs" / "new-quality-productive-forces.yaml"
