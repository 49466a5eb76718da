; Inno Setup 6 script: a Windows installer for the CloudWizard one-folder bundle.
;
; Build on Windows (not possible on Linux), from the repository root, after the bundle:
;   pyinstaller --noconfirm --distpath packaging\build\dist --workpath packaging\build\work packaging\cloudwizard.spec
;   $v = (& packaging\build\dist\cloudwizard\cloudwizard-cli.exe --version).Split(' ')[1]
;   iscc /DAppVersion=$v packaging\windows\cloudwizard.iss
; Output: packaging\build\CloudWizard-<version>-setup.exe
;
; Installs per user without administrator rights by default (consumers); administrators can choose
; "for all users" (public bodies, advice-centre machines). Windows associates files by their last
; extension only, so answers files (*.cwanswers.yaml) are ".yaml" to Windows: the installer adds
; CloudWizard to the "Open with" list of .yaml files instead of taking them over.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=0.1.0 cloudwizard.iss (it is printed by cloudwizard-cli.exe --version)
#endif
#define AppName "CloudWizard"
#define AppExe "CloudWizard.exe"
#define ProgId "CloudWizard.Answers"
#define Bundle "..\build\dist\cloudwizard"

[Setup]
AppId={{D5EF489D-3099-49F2-97EF-C7CFCD170780}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=CloudWizard developers
AppPublisherURL=https://github.com/cloudwizard-be/cloudwizard
AppSupportURL=https://github.com/cloudwizard-be/cloudwizard/issues
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
SetupIconFile=..\build\icons\cloudwizard.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\build
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "nl"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "de"; MessagesFile: "compiler:Languages\German.isl"

[CustomMessages]
en.AnswersFile=CloudWizard answers
nl.AnswersFile=CloudWizard-antwoorden
fr.AnswersFile=Réponses CloudWizard
de.AnswersFile=CloudWizard-Antworten
en.KioskShortcut=CloudWizard (kiosk)
nl.KioskShortcut=CloudWizard (kiosk)
fr.KioskShortcut=CloudWizard (borne)
de.KioskShortcut=CloudWizard (Kiosk)

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autoprograms}\{cm:KioskShortcut}"; Filename: "{app}\{#AppExe}"; Parameters: "--kiosk"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The file type, and CloudWizard in the "Open with" list of .yaml files (HKA: per user or machine).
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:AnswersFile}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.yaml\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".yaml"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
