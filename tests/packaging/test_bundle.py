"""What users get: the PyInstaller bundle and the Debian package, built and smoke-tested.

The bundle is built once per test session (about 10–20 s) into a temporary folder with
``packaging/build_bundle.sh``, and the ``.deb`` from it with ``packaging/build_deb.sh``. Then the
tests run the *built* program, never the checkout: ``--version``, ``validate`` on the questionnaire
inside the bundle, ``recommend`` on an example answers file, and a start-up to the first paint
offscreen, both from the bundle and from the package installed into a throwaway root.

The package is installed twice. As root, ``packaging/smoke_deb_overlay.sh`` runs a real
``apt-get install ./cloudwizard_*.deb`` in an overlay of this Debian 12 system that vanishes
afterwards (dpkg's triggers included). And with ``dpkg --root`` into an empty throwaway root (works
without root too): that root has no Debian system in it, so dependencies are not installed there;
``apt-get install --simulate`` checks them against this machine's Debian archive instead, and the
program in the root runs with this machine's libraries. Neither is a *clean* Debian 12: that needs
a debootstrapped chroot or a container, which needs the network (see packaging/README.md).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

import cloudwizard

pytest.importorskip("PyInstaller", reason="PyInstaller is not installed: pip install -e '.[test]'")

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
APP_ID = "be.cloudwizard.CloudWizard"
MIME_TYPE = "application/x-cloudwizard-answers"
QT_LANGUAGES = ("nl", "fr", "de")
BUNDLED_QUESTIONNAIRE = "cloudwizard-be"
# Every library the bundle links to and does not carry must come from one of these packages.
BASE_PACKAGES = {"libc6"}

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the bundle tests build for Linux")


@dataclass(frozen=True)
class Built:
    """The build products of one session."""

    build_dir: Path
    bundle: Path  # the folder; bundle / "cloudwizard" is the program
    deb: Path | None
    deb_error: str


def _run(cmd: list[str | Path], *, timeout: float = 120, env: dict[str, str] | None = None,
         cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=timeout,
                          env=env, cwd=cwd, check=False)


def _app_env(home: Path) -> dict[str, str]:
    """Environment for running a built program: offscreen, in a scratch home, not the checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local/share"), XDG_CACHE_HOME=str(home / ".cache"),
               XDG_STATE_HOME=str(home / ".local/state"), LANG="C.UTF-8")
    return env


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Build the bundle, then the .deb, exactly as the scripts in packaging/ do."""
    build_dir = tmp_path_factory.mktemp("packaging-build")
    env = dict(os.environ, PYTHON=sys.executable, BUILD_DIR=str(build_dir))
    bundle_run = _run(["bash", PACKAGING / "build_bundle.sh"], env=env, timeout=600)
    assert bundle_run.returncode == 0, f"build_bundle.sh failed:\n{bundle_run.stdout}\n{bundle_run.stderr}"
    bundle = build_dir / "dist" / "cloudwizard"
    assert (bundle / "cloudwizard").is_file(), f"no program in {bundle}"
    deb, deb_error = None, ""
    if shutil.which("dpkg-deb"):
        deb_run = _run(["bash", PACKAGING / "build_deb.sh"], env=env, timeout=300)
        debs = sorted(build_dir.glob("cloudwizard_*.deb"))
        if deb_run.returncode == 0 and debs:
            deb = debs[0]
        else:
            deb_error = f"build_deb.sh failed:\n{deb_run.stdout}\n{deb_run.stderr}"
    else:
        deb_error = "dpkg-deb is not installed (Debian package 'dpkg')"
    return Built(build_dir, bundle, deb, deb_error)


@pytest.fixture(scope="session")
def deb(built: Built) -> Path:
    if built.deb is None:
        if "not installed" in built.deb_error:
            pytest.skip(built.deb_error)
        pytest.fail(built.deb_error)
    return built.deb


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian package '{package}'; tools/bootstrap.sh test installs it)")
    return path


def _package_data(program: Path) -> Path:
    """Where the bundle keeps the cloudwizard package's data files."""
    return program.parent / "_internal" / "cloudwizard"


def _example_answers(program: Path, scratch: Path) -> list[tuple[Path, Path | None]]:
    """The example answers files for the bundled questionnaire, or one for the example questionnaire.

    Returns (answers file, questionnaire to pass with --questionnaire or None for the bundled one).
    """
    examples = _package_data(program) / "questionnaires" / "examples"
    found: list[tuple[Path, Path | None]] = [
        (answers, None)
        for answers in sorted(examples.glob("answers-*.yaml"))
        if f"id: {BUNDLED_QUESTIONNAIRE}" in answers.read_text(encoding="utf-8")
    ]
    if found:
        return found
    # The bundled questionnaire has no example answers yet: answer the example questionnaire.
    fallback = scratch / "example.cwanswers.yaml"
    fallback.write_text(
        "# CloudWizard answers file.\ncloudwizard_answers: 1\nquestionnaire: {id: example, version: '1.0'}\n"
        "language: en\nanswers: {audience: consumer}\n",
        encoding="utf-8",
    )
    return [(fallback, examples / "example.yaml")]


def _smoke(program: Path, home: Path) -> None:
    """What the issue asks of every build users get: version, validate, recommend, first paint."""
    env = _app_env(home)
    home.mkdir(parents=True, exist_ok=True)

    version = _run([program, "--version"], env=env, cwd=home)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"CloudWizard {cloudwizard.__version__}"

    questionnaire = _package_data(program) / "questionnaires" / f"{BUNDLED_QUESTIONNAIRE}.yaml"
    assert questionnaire.is_file(), f"the bundled questionnaire is missing from {questionnaire.parent}"
    validate = _run([program, "validate", questionnaire], env=env, cwd=home)
    assert validate.returncode == 0, f"validate failed:\n{validate.stdout}\n{validate.stderr}"
    assert "valid" in validate.stdout

    examples = _example_answers(program, home)
    for answers, other_questionnaire in examples:
        cmd: list[str | Path] = [program, "recommend", "--answers", answers, "--format", "json"]
        if other_questionnaire is not None:
            cmd += ["--questionnaire", other_questionnaire]
        recommend = _run(cmd, env=env, cwd=home)
        assert recommend.returncode == 0, f"recommend --answers {answers.name} failed:\n{recommend.stderr}"
        report = json.loads(recommend.stdout)
        assert report["generator"] == f"CloudWizard {cloudwizard.__version__}"
        assert report["deployment_model"]["recommended"] in {"public", "private", "community", "hybrid"}

    gui = _run([program, "--quit-after-first-paint"], env=env, cwd=home, timeout=60)
    assert gui.returncode == 0, f"the app did not reach its first paint:\n{gui.stdout}\n{gui.stderr}"

    # What a double click on an answers file runs (Exec=cloudwizard %f).
    answers = examples[0][0]
    opened = _run([program, "--quit-after-first-paint", answers], env=env, cwd=home, timeout=60)
    assert opened.returncode == 0, f"the app did not open {answers.name}:\n{opened.stderr}"


# -- the bundle --------------------------------------------------------------------------------


def test_bundle_runs_like_the_checkout(built: Built, tmp_path: Path) -> None:
    _smoke(built.bundle / "cloudwizard", tmp_path / "home")


def test_bundle_starts_on_x11(built: Built, tmp_path: Path) -> None:
    """The xcb platform plugin and its libraries work, not only offscreen (Xvfb stands in for X11)."""
    xvfb_run = _tool("xvfb-run", "xvfb")
    env = _app_env(tmp_path)
    del env["QT_QPA_PLATFORM"]
    env.pop("WAYLAND_DISPLAY", None)
    run = _run([xvfb_run, "-a", built.bundle / "cloudwizard", "--quit-after-first-paint"], env=env, timeout=90)
    assert run.returncode == 0, f"the bundle did not start on X11:\n{run.stdout}\n{run.stderr}"


def test_bundle_carries_the_package_data(built: Built) -> None:
    data = _package_data(built.bundle / "cloudwizard")
    assert (data / "questionnaires" / f"{BUNDLED_QUESTIONNAIRE}.yaml").is_file()
    assert (data / "questionnaires" / "schema.json").is_file()
    assert (data / "resources" / "icons" / "cloudwizard.svg").is_file()
    for lang in QT_LANGUAGES:
        assert (data / "resources" / "locale" / lang / "LC_MESSAGES" / "cloudwizard.mo").is_file(), lang
    assert not list(data.rglob("*.po")), "translation sources (.po) are not needed at run time"


def test_bundle_leaves_out_unused_qt(built: Built) -> None:
    internal = built.bundle / "_internal"
    translations = sorted(p.name for p in internal.rglob("PySide6/Qt/translations/*.qm"))
    assert translations == sorted(f"qtbase_{lang}.qm" for lang in QT_LANGUAGES)
    names = [p.name for p in internal.rglob("*")]
    unused = [n for n in names if re.search(r"Qt6?(Quick|Qml|Designer|WebEngine|Pdf|Network|Sql|Test)", n)]
    assert not unused, f"Qt modules the app does not use are bundled: {unused}"
    assert not (internal / "PySide6" / "Qt" / "qml").exists()
    plugins = {p.parent.name + "/" + p.name for p in internal.rglob("PySide6/Qt/plugins/*/*")}
    for needed in ("platforms/libqxcb.so", "platforms/libqwayland.so", "platforms/libqoffscreen.so",
                   "imageformats/libqsvg.so"):
        assert needed in plugins


def _elf_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and p.read_bytes()[:4] == b"\x7fELF"]


def _needed(elf: Path) -> list[str]:
    out = _run(["readelf", "-d", elf]).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def test_every_bundled_library_finds_its_dependencies(built: Built) -> None:
    _tool("ldd", "libc-bin")
    missing = set()
    for elf in _elf_files(built.bundle):
        for line in _run(["ldd", elf]).stdout.splitlines():
            if "not found" in line:
                missing.add(f"{elf.relative_to(built.bundle)}: {line.strip()}")
    assert not missing, "libraries that are neither bundled nor installed:\n" + "\n".join(sorted(missing))


# -- desktop integration files -----------------------------------------------------------------


def test_desktop_file_is_valid() -> None:
    validate = _tool("desktop-file-validate", "desktop-file-utils")
    desktop = PACKAGING / "linux" / f"{APP_ID}.desktop"
    run = _run([validate, desktop])
    assert run.returncode == 0 and not run.stdout.strip(), run.stdout + run.stderr
    text = desktop.read_text(encoding="utf-8")
    assert "\nExec=cloudwizard %f\n" in text
    assert f"\nIcon={APP_ID}\n" in text
    assert f"MimeType={MIME_TYPE};" in text


def test_metainfo_is_valid() -> None:
    appstreamcli = _tool("appstreamcli", "appstream")
    metainfo = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
    run = _run([appstreamcli, "validate", "--no-net", metainfo])
    assert run.returncode == 0, run.stdout + run.stderr
    root = ET.parse(metainfo).getroot()
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for tag in ("summary", "description/p", "screenshots/screenshot/caption", "releases/release/description/p"):
        langs = {el.get(lang, "en") for el in root.findall(tag)}
        assert {"en", *QT_LANGUAGES} <= langs, f"{tag} is not in all four languages: {sorted(langs)}"
    releases = root.findall("releases/release")
    assert releases[0].get("version") == cloudwizard.__version__, "the newest release in the metainfo is not this version"
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    listed = {el.text for el in root.findall("languages/lang")}
    shipped = {p.parent.parent.name for p in (REPO / "resources" / "locale").glob("*/LC_MESSAGES/cloudwizard.mo")}
    assert listed == shipped, "the metainfo's <languages> and the shipped catalogs differ"


def test_changelog_has_this_version() -> None:
    assert cloudwizard.__version__ in (REPO / "CHANGELOG.md").read_text(encoding="utf-8")


def test_answers_files_are_recognised(tmp_path: Path) -> None:
    """The MIME type matches by name (*.cwanswers.yaml) and, for names that say nothing, by content.

    A file named ``*.yaml`` stays plain YAML: both GIO and Qt take a single file-name match over
    content sniffing (the shared-mime-info algorithm), so the app must save with its own suffix.
    """
    update = _tool("update-mime-database", "shared-mime-info")
    share = tmp_path / "share"
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copy(PACKAGING / "linux" / f"{APP_ID}.mime.xml", share / "mime" / "packages" / f"{APP_ID}.xml")
    system_types = Path("/usr/share/mime/packages/freedesktop.org.xml")
    if system_types.is_file():  # the YAML parent type
        shutil.copy(system_types, share / "mime" / "packages")
    run = _run([update, share / "mime"])
    assert run.returncode == 0, run.stderr
    header = "# CloudWizard answers file. Open it with CloudWizard, or run: cloudwizard recommend --answers FILE\n"
    files = {
        "mine.cwanswers.yaml": ("answers: {}\n", MIME_TYPE),
        "mine.cloudwizard.yaml": ("answers: {}\n", MIME_TYPE),
        "saved-from-mail": (header + "cloudwizard_answers: 1\n", MIME_TYPE),
        "no-header": ("cloudwizard_answers: 1\nanswers: {}\n", MIME_TYPE),
        "other.yaml": ("name: something else\n", "application/x-yaml"),
    }
    for name, (text, _) in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    expected = [mime for _, mime in files.values()]
    env = dict(os.environ, XDG_DATA_DIRS=str(share), XDG_DATA_HOME=str(tmp_path / "nothing"))
    probe = (
        "import sys\nfrom PySide6.QtCore import QMimeDatabase\ndb = QMimeDatabase()\n"
        "for f in sys.argv[1:]: print(db.mimeTypeForFile(f).name())\n"
    )
    qt = _run([sys.executable, "-c", probe, *files], env=env, cwd=tmp_path)
    assert qt.returncode == 0, qt.stderr
    assert qt.stdout.split() == expected, "Qt (KDE and Qt file dialogs)"
    gio = shutil.which("gio")
    if gio:  # GNOME Files and GTK
        found = [_run([gio, "info", "-a", "standard::content-type", name], env=env, cwd=tmp_path).stdout
                 .split("standard::content-type:")[-1].strip() for name in files]
        assert found == expected, "GIO (GNOME)"


# -- the Debian package ------------------------------------------------------------------------


def _control(deb: Path) -> dict[str, str]:
    info = _run(["dpkg-deb", "-f", deb])
    assert info.returncode == 0, info.stderr
    fields: dict[str, str] = {}
    key = ""
    for line in info.stdout.splitlines():
        if line[:1].isspace() and key:
            fields[key] += "\n" + line.strip()
        elif ":" in line:
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    return fields


def _depends(fields: dict[str, str]) -> set[str]:
    return {re.split(r"[\s(]", alt.strip())[0] for dep in fields["Depends"].split(",") for alt in dep.split("|")}


def test_deb_control_fields(deb: Path) -> None:
    fields = _control(deb)
    assert fields["Package"] == "cloudwizard"
    assert fields["Version"] == cloudwizard.__version__
    assert deb.name == f"cloudwizard_{cloudwizard.__version__}_{fields['Architecture']}.deb"
    for qt_needs in ("libegl1", "libgl1", "libxkbcommon0", "libxkbcommon-x11-0", "libfontconfig1", "libfreetype6",
                     "libdbus-1-3", "libglib2.0-0", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1",
                     "libxcb-shape0", "libxcb-xkb1", "libxcb-render-util0", "libxcb-image0", "libx11-xcb1"):
        assert qt_needs in _depends(fields), f"Depends lacks {qt_needs}"
    assert int(fields["Installed-Size"]) > 10_000


def test_deb_contents(deb: Path) -> None:
    listing = _run(["dpkg-deb", "-c", deb]).stdout
    paths = {line.split()[5].removeprefix(".") for line in listing.splitlines()}
    for expected in (
        "/opt/cloudwizard/cloudwizard",
        f"/usr/share/applications/{APP_ID}.desktop",
        f"/usr/share/metainfo/{APP_ID}.metainfo.xml",
        f"/usr/share/mime/packages/{APP_ID}.xml",
        f"/usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
        "/usr/share/doc/cloudwizard/copyright",
        *(f"/usr/share/icons/hicolor/{n}x{n}/apps/{APP_ID}.png" for n in (16, 32, 48, 64, 128, 256, 512)),
    ):
        assert expected in paths, f"{expected} is not in the package"
    assert re.search(r"\./usr/bin/cloudwizard -> /opt/cloudwizard/cloudwizard$", listing, re.MULTILINE)
    owners = {line.split()[1] for line in listing.splitlines()}
    assert owners == {"root/root"}, f"files not owned by root: {owners}"
    control = _run(["dpkg-deb", "-I", deb]).stdout
    assert not re.search(r"\b(postinst|postrm|preinst|prerm)\b", control), "maintainer scripts are not needed"


def test_deb_depends_cover_what_the_bundle_links_to(built: Built, deb: Path) -> None:
    """Every library the bundle needs but does not carry comes from a package in Depends."""
    _tool("readelf", "binutils")
    carried = {p.name for p in built.bundle.rglob("*.so*")}
    external = {name for elf in _elf_files(built.bundle) for name in _needed(elf)} - carried
    depends = _depends(_control(deb)) | BASE_PACKAGES
    problems = []
    for soname in sorted(external):
        owner = _run(["dpkg", "-S", f"*/{soname}"])
        if owner.returncode != 0:
            problems.append(f"{soname}: not installed here, so its package is unknown; install it and run again")
            continue
        packages = {line.split(":")[0] for line in owner.stdout.splitlines()}
        if not packages & depends:
            problems.append(f"{soname} comes from {sorted(packages)}, which is not in Depends (packaging/build_deb.sh)")
    assert not problems, "\n".join(problems)


def test_deb_dependencies_resolve_on_this_debian(deb: Path) -> None:
    """``apt install ./cloudwizard_*.deb`` would succeed here: a simulation against the archive."""
    apt_get = _tool("apt-get", "apt")
    if not any(Path("/var/lib/apt/lists").glob("*_Packages*")):
        pytest.skip("apt has no package lists (run apt-get update) to resolve the dependencies against")
    run = _run([apt_get, "install", "--simulate", "--no-install-recommends", deb], timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"^Inst cloudwizard ", run.stdout, re.MULTILINE), run.stdout


def test_apt_install_into_a_throwaway_copy_of_this_system(deb: Path) -> None:
    """A real ``apt-get install ./cloudwizard_*.deb`` into an overlay of / that vanishes afterwards.

    See packaging/smoke_deb_overlay.sh: dpkg's triggers run, then the installed command is tried and
    the MIME type's default application looked up. Needs root and overlayfs (skipped otherwise).
    """
    if os.geteuid() != 0:
        pytest.skip("needs root for the private overlay mount (packaging/smoke_deb_overlay.sh)")
    run = _run(["bash", PACKAGING / "smoke_deb_overlay.sh", deb], timeout=240)
    if run.returncode == 77:
        pytest.skip(f"no throwaway overlay possible here: {run.stderr.strip()}")
    assert run.returncode == 0, run.stdout + run.stderr
    for check in ("apt-get install", "CloudWizard " + cloudwizard.__version__, "cloudwizard validate",
                  "--quit-after-first-paint", "menu entry", "answers files open with"):
        assert check in run.stdout, f"missing check '{check}':\n{run.stdout}"


@pytest.fixture(scope="session")
def installed_root(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .deb installed by dpkg into an empty throwaway root (see the module docstring)."""
    dpkg = _tool("dpkg", "dpkg")
    root = tmp_path_factory.mktemp("deb-root")
    for sub in ("var/lib/dpkg/updates", "var/lib/dpkg/info", "var/lib/dpkg/triggers"):
        (root / sub).mkdir(parents=True)
    (root / "var/lib/dpkg/status").touch()
    cmd = [dpkg, f"--root={root}", "--force-depends", "--force-script-chrootless", "--log=/dev/null", "-i", deb]
    if os.geteuid() != 0:
        cmd.insert(1, "--force-not-root")
    run = _run(cmd, timeout=120)
    if run.returncode != 0:  # e.g. dpkg refusing to run here: unpacking is the next best thing
        shutil.rmtree(root)
        root.mkdir()
        extract = _run(["dpkg-deb", "-x", deb, root])
        assert extract.returncode == 0, f"dpkg --root failed ({run.stderr.strip()}) and dpkg-deb -x too: {extract.stderr}"
    return root


def test_installed_package_runs(installed_root: Path, tmp_path: Path) -> None:
    program = installed_root / "opt" / "cloudwizard" / "cloudwizard"
    link = installed_root / "usr" / "bin" / "cloudwizard"
    assert link.is_symlink() and str(link.readlink()) == "/opt/cloudwizard/cloudwizard"
    _smoke(program, tmp_path / "home")


def test_installed_command_runs_through_its_symlink(installed_root: Path, tmp_path: Path) -> None:
    """/usr/bin/cloudwizard is an absolute symlink: run it with the root's /opt mounted at /opt."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("needs root and unshare to mount the throwaway root's /opt over /opt privately")
    link = installed_root / "usr" / "bin" / "cloudwizard"
    script = f'mount --bind "{installed_root / "opt"}" /opt && exec "{link}" --version'
    run = _run(["unshare", "--mount", "sh", "-c", script], env=_app_env(tmp_path))
    if run.returncode != 0 and ("mount" in run.stderr or "unshare" in run.stderr):
        pytest.skip(f"cannot make a private mount here: {run.stderr.strip()}")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"CloudWizard {cloudwizard.__version__}"


def test_installed_desktop_integration(installed_root: Path) -> None:
    share = installed_root / "usr" / "share"
    desktop = share / "applications" / f"{APP_ID}.desktop"
    assert desktop.is_file()
    icon_names = {p.name for p in (share / "icons" / "hicolor").rglob(f"{APP_ID}.*")}
    assert icon_names == {f"{APP_ID}.png", f"{APP_ID}.svg"}
    status = (installed_root / "var/lib/dpkg/status")
    if status.stat().st_size:  # installed with dpkg, not merely unpacked
        assert "Package: cloudwizard\nStatus: install ok installed" in status.read_text(encoding="utf-8")
