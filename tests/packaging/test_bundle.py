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

import argparse
import gzip
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


def _ensure_debian_package(command: str, package: str) -> None:
    """Install a Debian package the packaging checks need when it is missing and apt-get can (as root).

    patchelf (run paths of a non-Debian Python), lintian and debootstrap are not in the base set of
    tools/bootstrap.sh; on a CI machine running as root they are installed here, once.
    """
    if shutil.which(command) or os.geteuid() != 0 or not shutil.which("apt-get"):
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", package]
    if _run(install, env=env, timeout=600).returncode != 0:
        _run(["apt-get", "update", "-qq"], env=env, timeout=600)
        _run(install, env=env, timeout=600)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Build the bundle, then the .deb, exactly as the scripts in packaging/ do."""
    if not sys.base_prefix.startswith("/usr"):  # a pyenv or similar Python: its run paths need patchelf
        _ensure_debian_package("patchelf", "patchelf")
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


def test_bundle_has_no_build_machine_path(built: Built) -> None:
    """No run path leaves the bundle, and no file names the checkout or the build folder.

    finish_bundle.py strips foreign RUNPATH/RPATH entries (a pyenv Python writes its own lib folder
    into libpython and every lib-dynload module) and fails the build if one is left; this reads every
    ELF file again with readelf, independently of that script.
    """
    _tool("readelf", "binutils")
    bundle = built.bundle.resolve()
    leaving = []
    for elf in _elf_files(bundle):
        out = _run(["readelf", "-d", elf]).stdout
        for tag, value in re.findall(r"\((RUNPATH|RPATH)\)\s+Library \w+: \[([^\]]*)\]", out):
            for entry in filter(None, value.split(":")):
                resolved = Path(os.path.normpath(entry.replace("$ORIGIN", str(elf.parent))))
                if not entry.startswith("$ORIGIN") or not resolved.is_relative_to(bundle):
                    leaving.append(f"{elf.relative_to(bundle)}: {tag} {entry}")
    assert not leaving, "run paths into the build machine:\n" + "\n".join(leaving)
    needles = {str(REPO).encode(), str(built.build_dir.resolve()).encode()}
    named = [str(p.relative_to(bundle)) for p in bundle.rglob("*")
             if p.is_file() and not p.is_symlink() and any(n in p.read_bytes() for n in needles)]
    assert not named, f"files naming the checkout or the build folder: {named}"
    check = _run([sys.executable, PACKAGING / "finish_bundle.py", "--check", bundle])
    assert check.returncode == 0, check.stdout + check.stderr


def test_bundle_is_stripped(built: Built) -> None:
    """No symbol table (lintian's unstripped-binary-or-object) and no .comment section in any ELF file."""
    _tool("readelf", "binutils")
    unstripped = []
    for elf in _elf_files(built.bundle):
        sections = _run(["readelf", "-S", "-W", elf]).stdout
        if re.search(r"\] \.(symtab|comment|debug_info)\s", sections):
            unstripped.append(str(elf.relative_to(built.bundle)))
    assert not unstripped, f"not stripped: {unstripped}"


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

    A file named plain ``*.yaml`` is YAML even when it holds answers: GIO and Qt take a file-name
    match over content sniffing, and the magic's priority (below 80) keeps File::MimeInfo, which
    xdg-mime uses outside GNOME and KDE, from checking content first. So all three agree.
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
        # Answers in a file named plain *.yaml: YAML, for every implementation alike (see the XML).
        "answers-in-plain.yaml": (header + "cloudwizard_answers: 1\n", "application/x-yaml"),
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
    xdg_mime = shutil.which("xdg-mime")
    if xdg_mime and shutil.which("mimetype"):  # xdg-mime outside GNOME/KDE asks File::MimeInfo
        generic = {k: v for k, v in env.items() if k not in ("XDG_CURRENT_DESKTOP", "DESKTOP_SESSION",
                                                            "KDE_FULL_SESSION", "GNOME_DESKTOP_SESSION_ID")}
        found = [_run([xdg_mime, "query", "filetype", name], env=generic, cwd=tmp_path).stdout.strip() for name in files]
        assert found == expected, "xdg-mime (File::MimeInfo)"


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


def _glibc_needed(bundle: Path) -> tuple[int, ...]:
    """The newest GLIBC_x.y any bundled ELF file asks for, by ``objdump -T`` (not the build's readelf -V)."""
    _tool("objdump", "binutils")
    versions = set()
    for elf in _elf_files(bundle):
        versions |= set(re.findall(r"\bGLIBC_(\d+(?:\.\d+)+)\b", _run(["objdump", "-T", elf]).stdout))
    assert versions, "no GLIBC symbol versions found: is objdump working?"
    return max(tuple(int(p) for p in v.split(".")) for v in versions)


def test_deb_control_fields(built: Built, deb: Path) -> None:
    fields = _control(deb)
    assert fields["Package"] == "cloudwizard"
    assert fields["Version"] == cloudwizard.__version__
    assert deb.name == f"cloudwizard_{cloudwizard.__version__}_{fields['Architecture']}.deb"
    # libc6 as new as the newest glibc symbol any bundled file needs, so apt refuses an older system.
    libc = re.search(r"(?:^|, )libc6 \(>= ([\d.]+)\)", fields["Depends"])
    assert libc, f"Depends has no versioned libc6: {fields['Depends']}"
    assert tuple(int(p) for p in libc.group(1).split(".")) == _glibc_needed(built.bundle)
    for needed in ("libegl1", "libgl1", "libxcb1", "libcups2", "libwayland-client0", "fontconfig-config", "xkb-data"):
        assert needed in _depends(fields), f"Depends lacks {needed}"
    carried = {p.name for p in built.bundle.rglob("*.so*")}
    assert "libxcb-cursor.so.0" in carried and "libxcb-cursor0" not in _depends(fields), \
        "a library the bundle carries is not a dependency"
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
    assert re.search(r"^\s+\d+ bytes,\s+\d+ lines\s+md5sums\b", control, re.MULTILINE), "no md5sums in the control archive"


def test_deb_does_not_own_opt(deb: Path) -> None:
    """/opt belongs to no package (base-files' postinst makes it): listing it would make dpkg delete it."""
    names = [line.split()[5] for line in _run(["dpkg-deb", "-c", deb]).stdout.splitlines()]
    assert "./opt/" not in names
    assert "./opt/cloudwizard/" in names


def test_deb_file_modes(deb: Path) -> None:
    """Only the program is executable: shared libraries need no execute bit (lintian)."""
    executable = set()
    for line in _run(["dpkg-deb", "-c", deb]).stdout.splitlines():
        mode, name = line.split()[0], line.split()[5]
        if mode.startswith("-") and "x" in mode:
            executable.add(name)
    assert executable == {"./opt/cloudwizard/cloudwizard"}


def test_deb_md5sums_match_the_files(deb: Path, tmp_path: Path) -> None:
    assert _run(["dpkg-deb", "-x", deb, tmp_path / "root"]).returncode == 0
    assert _run(["dpkg-deb", "-e", deb, tmp_path / "DEBIAN"]).returncode == 0
    sums = (tmp_path / "DEBIAN" / "md5sums").read_text(encoding="utf-8")
    listed = {line.split(None, 1)[1] for line in sums.splitlines()}
    files = {str(p.relative_to(tmp_path / "root")) for p in (tmp_path / "root").rglob("*")
             if p.is_file() and not p.is_symlink()}
    assert listed == files
    check = _run(["md5sum", "--check", "--quiet", tmp_path / "DEBIAN" / "md5sums"], cwd=tmp_path / "root")
    assert check.returncode == 0, check.stdout + check.stderr


def test_deb_changelog_is_in_debian_format(deb: Path, tmp_path: Path) -> None:
    """A native package (no Debian revision): changelog.gz in Debian's format, made from CHANGELOG.md."""
    parse = _tool("dpkg-parsechangelog", "dpkg-dev")
    assert _run(["dpkg-deb", "-x", deb, tmp_path]).returncode == 0
    doc = tmp_path / "usr/share/doc/cloudwizard"
    assert sorted(p.name for p in doc.glob("changelog*")) == ["changelog.gz"]
    plain = tmp_path / "changelog"
    plain.write_bytes(gzip.decompress((doc / "changelog.gz").read_bytes()))
    run = _run([parse, "-l", plain])
    assert run.returncode == 0, run.stderr
    assert f"Version: {cloudwizard.__version__}\n" in run.stdout
    assert "Bundled questionnaire" in run.stdout or "bundled questionnaire" in run.stdout
    long_lines = [line for line in plain.read_text(encoding="utf-8").splitlines()
                  if len(line) > 80 and not line.startswith(" -- ")]  # the trailer may be longer
    assert not long_lines


def test_deb_man_page(deb: Path, tmp_path: Path) -> None:
    """``man cloudwizard``: generated from the argparse parsers, every command and option in it."""
    man = _tool("man", "man-db")
    assert _run(["dpkg-deb", "-x", deb, tmp_path]).returncode == 0
    page = tmp_path / "usr/share/man/man1/cloudwizard.1.gz"
    assert page.is_file()
    env = dict(os.environ, MANWIDTH="100", MAN_KEEP_FORMATTING="0", LANG="C.UTF-8")
    run = _run([man, "--warnings", "-l", page], env=env)
    assert run.returncode == 0 and not run.stderr.strip(), run.stderr
    text = re.sub(r".\x08", "", run.stdout)
    from cloudwizard.cli import build_parsers

    app, commands = build_parsers()
    expected = [o for a in app._actions for o in a.option_strings if o not in ("-h", "--help")]
    for action in commands._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                expected.append(name)
                expected += [o for a in sub._actions for o in a.option_strings if o not in ("-h", "--help")]
    missing = [word for word in expected if word not in text]
    assert not missing, f"not in the manual page: {missing}"
    for section in ("NAME", "SYNOPSIS", "OPTIONS", "COMMANDS", "EXIT STATUS", "FILES"):
        assert f"\n{section}\n" in text


def test_lintian_finds_nothing_outside_the_overrides(deb: Path) -> None:
    """``lintian -I -E --pedantic``: every finding is fixed or in packaging/linux/lintian-overrides."""
    _ensure_debian_package("lintian", "lintian")
    lintian = _tool("lintian", "lintian")
    run = _run([lintian, "-I", "-E", "--pedantic", "--color=never", deb], timeout=900)
    # The overrides serve a build with Debian's Python and one with another Python (pyenv, as CI's
    # first python3): an entry only the latter needs is "unused" in the former (see the overrides).
    only_some_builds = ("library-not-linked-against-libc",)
    findings = [line for line in run.stdout.splitlines() + run.stderr.splitlines()
                if re.match(r"^[EWIPXC]: ", line)
                and not re.search(r"unused-override (" + "|".join(only_some_builds) + r") ", line)]
    assert not findings, "\n".join(findings)
    assert run.returncode == 0, run.stdout + run.stderr
    overrides = (PACKAGING / "linux" / "lintian-overrides").read_text(encoding="utf-8").splitlines()
    entries = [i for i, line in enumerate(overrides) if line.startswith("cloudwizard:")]
    assert entries
    for i in entries:  # every override says why, in the comment just above it (or above its group)
        assert any(overrides[j].startswith("#") for j in range(max(0, i - 12), i)), overrides[i]


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
    # /opt is there on every Debian (base-files' postinst makes it); the package does not list it.
    for sub in ("var/lib/dpkg/updates", "var/lib/dpkg/info", "var/lib/dpkg/triggers", "opt"):
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
    if status.is_file() and status.stat().st_size:  # installed with dpkg, not merely unpacked
        assert "Package: cloudwizard\nStatus: install ok installed" in status.read_text(encoding="utf-8")


@pytest.mark.slow
def test_apt_install_on_a_fresh_debian_12(deb: Path) -> None:
    """``apt install ./cloudwizard_*.deb`` on a fresh debootstrapped Debian 12, then remove and purge.

    See packaging/test_fresh_debian.sh: it runs --version, validate, recommend and the first paint
    offscreen there, then checks that removal leaves nothing of the package and keeps /opt. Needs
    root, mounts and the network the first time (the minbase root is cached afterwards); skipped
    when a fresh root cannot be made here. About a minute with the cached root.
    """
    if os.geteuid() != 0:
        pytest.skip("needs root for debootstrap, chroot and mounts (packaging/test_fresh_debian.sh)")
    run = _run(["bash", PACKAGING / "test_fresh_debian.sh", deb], timeout=1500)
    if run.returncode == 77:
        pytest.skip(f"no fresh Debian root possible here: {run.stderr.strip()}")
    assert run.returncode == 0, run.stdout + run.stderr
    for check in ("a fresh Debian 12", "apt install ./", f"--version: CloudWizard {cloudwizard.__version__}",
                  "cloudwizard recommend --answers", "first paint offscreen", "/opt is still there",
                  "nothing of it is left"):
        assert check in run.stdout, f"missing check '{check}':\n{run.stdout}"
