; Inno Setup 6 script: installs the PyInstaller onedir bundle (dist\testimonia), a Start-menu
; shortcut and the .testimonia file association. packaging\build.py runs it as
;   iscc /DAppVersion=0.1.0 /DSourceDir=...\dist\testimonia /DOutputDir=...\dist testimonia.iss
; Written for Windows 10/11 x64; NOT built or tested on the development machines (Linux) yet.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\testimonia"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#define AppExe "Testimonia.exe"
#define ProgId "Testimonia.Project"

[Setup]
; The AppId identifies the product for upgrades and uninstall: never change it.
AppId={{6C1B7E2A-4F0D-4C3B-9B7E-54544D4F4E01}
AppName=Testimonia
AppVersion={#AppVersion}
AppVerName=Testimonia {#AppVersion}
AppPublisher=Testimonia
DefaultDirName={autopf}\Testimonia
DefaultGroupName=Testimonia
DisableProgramGroupPage=yes
; Researchers often have no administrator rights on their laptop: install per user by default,
; for all users when the installer is run as administrator (HKA then means HKLM, else HKCU).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir={#OutputDir}
OutputBaseFilename=testimonia-{#AppVersion}-windows-x64-setup
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the bundle whole, so no library of an older version lingers beside the new one.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Testimonia"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\Testimonia"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
Root: HKA; Subkey: "Software\Classes\.testimonia"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.testimonia\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Testimonia project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".testimonia"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,Testimonia}"; Flags: nowait postinstall skipifsilent
