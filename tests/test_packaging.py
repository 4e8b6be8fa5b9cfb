"""The built wheel and sdist work outside the source tree (offline: --no-deps, --no-isolation)."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.packaging


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the sdist, and the wheel from the sdist (as `python -m build` does)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
    )
    return out


def test_sdist_and_wheel_ship_the_data(dist: Path) -> None:
    sdist = next(dist.glob("carbonaudit-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        names = tar.getnames()
    assert any(n.endswith("/data/factors.yaml") for n in names)
    assert any(n.endswith("/data/measure_codes.yaml") for n in names)
    wheel = next(dist.glob("carbonaudit-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        files = set(zf.namelist())
    assert {"carbonaudit/data/factors.yaml", "carbonaudit/data/measure_codes.yaml", "carbonaudit/py.typed"} <= files


def test_wheel_installs_and_runs_outside_the_source_tree(dist: Path, tmp_path: Path) -> None:
    wheel = next(dist.glob("carbonaudit-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    # The throwaway venv borrows this environment's dependencies (offline), not its carbonaudit:
    # a .pth line adds site-packages as a plain path, so the editable finder there is not run.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True,
        capture_output=True,
        text=True,
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    demo = subprocess.run(
        [str(bindir / "carbonaudit"), "demo"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert demo.returncode == 0, demo.stderr
    assert "published figures reproduced" in demo.stdout and " NO" not in demo.stdout
    lookup = subprocess.run(
        [
            str(python),
            "-c",
            "import carbonaudit, carbonaudit.factors as f; fs = f.load('ntpc-award-2015');"
            "print(carbonaudit.__file__); print(fs.fuel('O05').recommended.value)",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    where, value = lookup.stdout.split()
    assert Path(where).is_relative_to(venv), where  # the installed wheel, not the checkout
    assert value == "2.61"
