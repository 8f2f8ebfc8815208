"""bandit, the static security analyser, finds nothing of high severity in the project's code."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["consortium", "members", "experts", "projects", "heritage", "events"]


def python_scripts():
    """manage.py, gunicorn.conf.py and the scripts in bin/ that are Python (bandit -r reads only *.py)."""
    scripts = [ROOT / "manage.py", ROOT / "gunicorn.conf.py"]
    for path in sorted((ROOT / "bin").iterdir()):
        if path.is_file() and "python" in path.read_text(errors="replace").partition("\n")[0]:
            scripts.append(path)
    return [str(path.relative_to(ROOT)) for path in scripts if path.exists()]


def test_bandit_finds_no_high_severity_issue():
    targets = PACKAGES + python_scripts()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bandit",
            "--quiet",
            "--recursive",
            "--format",
            "json",
            "--severity-level",
            "high",
            *targets,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(result.stdout)
    assert not report["errors"], report["errors"]
    findings = [f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}" for r in report["results"]]
    assert not findings, "\n".join(findings)
    assert report["metrics"]["_totals"]["loc"] > 1000, "bandit read almost nothing: are the paths right?"
