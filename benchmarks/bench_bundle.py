"""Bundle benchmark: size and start-up of the CloudWizard bundle against a bare PySide6 bundle.

Usage: python benchmarks/bench_bundle.py [--runs 9] [--no-default-baseline]

Goals (issue 6), both as ratios against a bare PySide6-Essentials program that shows one QLabel and
quits after its first paint, built in the same run:

- bundle size at most 1.3x the bare bundle's;
- start to first paint at most 1.3x the bare bundle's.

"Built the same way" is taken literally: the bare program is bundled by PyInstaller one-folder with
the same options and the same trimming rules (``packaging/bundle_policy.py``: the same excluded Qt
modules, plugins and translations, the same pruning of unreachable libraries). For context the
script also builds the bare program with PyInstaller's defaults (no trimming), which is what a
developer gets from ``pyinstaller --onedir bare.py``; the ratios against that are printed too.

Start-up is wall time from launching the program until it exits after the first paint, offscreen,
median of --runs runs alternating between the bundles. The first run of each bundle (right after
building, so with the files in the page cache already) is left out; a truly cold start would need
dropping the machine's page cache, which this shared machine does not allow. Figures, not a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"

# The same bare program as benchmarks/bench_gui.py measures against, so the two ratios compare.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_gui import BARE  # noqa: E402

# A spec for the bare program, trimmed exactly like packaging/cloudwizard.spec.
BARE_SPEC = """
import sys
sys.path.insert(0, {packaging!r})
import bundle_policy
from PyInstaller.depend.bindepend import get_imports
a = Analysis([{script!r}], excludes=bundle_policy.EXCLUDED_MODULES if {trim!r} else [])
if {trim!r}:
    a.binaries, _ = bundle_policy.trim(a.binaries)
    a.binaries, _ = bundle_policy.prune_unreachable(a.binaries, bundle_policy.direct_imports(get_imports))
    a.datas, _ = bundle_policy.trim(a.datas)
pyz = PYZ(a.pure)
exe = EXE(pyz, a.scripts, [], exclude_binaries=True, name="bare", console=True, strip=False, upx=False)
coll = COLLECT(exe, a.binaries, a.datas, strip=False, upx=False, name="bare")
"""


def build_app(work: Path) -> tuple[Path, float]:
    """Build the CloudWizard bundle with packaging/build_bundle.sh; returns (program, seconds)."""
    env = dict(os.environ, PYTHON=sys.executable, BUILD_DIR=str(work / "app"))
    start = time.perf_counter()
    subprocess.run(["bash", str(PACKAGING / "build_bundle.sh")], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return work / "app" / "dist" / "cloudwizard" / "cloudwizard", time.perf_counter() - start


def build_bare(work: Path, *, trim: bool) -> tuple[Path, float]:
    """Build the bare QLabel program; returns (program, seconds)."""
    name = "bare-trimmed" if trim else "bare-default"
    folder = work / name
    folder.mkdir()
    script = folder / "bare.py"
    script.write_text(BARE, encoding="utf-8")
    spec = folder / "bare.spec"
    spec.write_text(BARE_SPEC.format(packaging=str(PACKAGING), script=str(script), trim=trim), encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(folder / "dist"), "--workpath", str(folder / "work"), str(spec)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return folder / "dist" / "bare" / "bare", time.perf_counter() - start


def folder_size(folder: Path) -> int:
    """Bytes of all files in the folder (symlinks counted as links, not followed)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def start_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds from launch to exit, CPU seconds user+system) for one run; the program must exit 0.

    The CPU time is printed next to the wall time because it hardly depends on what else the (shared,
    2-core) machine is doing, while the wall time does.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"bench_bundle: {cmd[0]} exited with status {status}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> int:
    """Build, measure, print; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="start-up runs per bundle (default 9)")
    parser.add_argument("--no-default-baseline", action="store_true",
                        help="skip the extra untrimmed bare build (saves ~15 s)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-bundle-"))
    try:
        app, app_build_s = build_app(work)
        bare, bare_build_s = build_bare(work, trim=True)
        default = None if args.no_default_baseline else build_bare(work, trim=False)[0]

        home = work / "home"
        home.mkdir()
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home),
                   XDG_DATA_HOME=str(home), XDG_CACHE_HOME=str(home), XDG_STATE_HOME=str(home))
        commands = {"bare": [str(bare)], "app": [str(app), "--lang", "en", "--quit-after-first-paint"]}
        if default is not None:
            commands["default"] = [str(default)]
        first = {k: start_once(cmd, env)[0] for k, cmd in commands.items()}
        times: dict[str, list[float]] = {k: [] for k in commands}
        cpu_times: dict[str, list[float]] = {k: [] for k in commands}
        for _ in range(args.runs):
            for key, cmd in commands.items():
                wall, cpu_s = start_once(cmd, env)
                times[key].append(wall)
                cpu_times[key].append(cpu_s)
        median = {k: statistics.median(v) for k, v in times.items()}
        cpu = {k: statistics.median(v) for k, v in cpu_times.items()}
        load = os.getloadavg()[0]
        size = {"app": folder_size(app.parent), "bare": folder_size(bare.parent)}
        if default is not None:
            size["default"] = folder_size(default.parent)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    mib = 1024 * 1024
    print(f"PyInstaller one-folder builds: cloudwizard {app_build_s:.1f} s (icons included), bare {bare_build_s:.1f} s")
    print(f"bundle size: bare QLabel {size['bare'] / mib:.1f} MiB, cloudwizard {size['app'] / mib:.1f} MiB, "
          f"ratio {size['app'] / size['bare']:.2f} (goal <= 1.3)")
    print(f"start to first paint (median of {args.runs}, offscreen): bare QLabel {median['bare'] * 1000:.0f} ms, "
          f"cloudwizard {median['app'] * 1000:.0f} ms, ratio {median['app'] / median['bare']:.2f} (goal <= 1.3)")
    print(f"CPU time of the same runs (user+system, median): bare {cpu['bare'] * 1000:.0f} ms, "
          f"cloudwizard {cpu['app'] * 1000:.0f} ms, ratio {cpu['app'] / cpu['bare']:.2f}; load average {load:.1f}")
    print(f"first run after the build: bare {first['bare'] * 1000:.0f} ms, cloudwizard {first['app'] * 1000:.0f} ms")
    if default is not None:
        print(f"context, bare QLabel with PyInstaller's defaults (untrimmed): {size['default'] / mib:.1f} MiB, "
              f"{median['default'] * 1000:.0f} ms; cloudwizard against it: size ratio "
              f"{size['app'] / size['default']:.2f}, start ratio {median['app'] / median['default']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
