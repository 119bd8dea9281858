"""Korean for the core's messages (core/messages.py): English template -> Korean template.

Keep the {fields} of each entry exactly as in English (tests/core/test_messages.py checks them,
and that every template in core/ has an entry here). Values are filled in after translation.
"""

from __future__ import annotations

KO: dict[str, str] = {
    # errors.py
    "already in the project as “{title}” ({uuid})": "이미 프로젝트에 “{title}”({uuid})(으)로 있습니다",
    "already in the project as “{title}” ({uuid}), removed: restore it instead":
        "이미 프로젝트에 “{title}”({uuid})(으)로 있지만 제거된 상태입니다. 대신 그 문서를 복원하세요",
    "cancelled": "취소됨",
    # store.py
    "colour {color!r} is not of the form #RRGGBB": "색 {color!r}이(가) #RRGGBB 형식이 아닙니다",
    "{path}: the project file has no project record": "{path}: 프로젝트 파일에 프로젝트 기록이 없습니다",
    "the author needs a name (use --author NAME or set TESTIMONIA_AUTHOR)":
        "작성자 이름이 필요합니다 (--author 이름 을 쓰거나 TESTIMONIA_AUTHOR 를 설정하세요)",
    "a label needs a name of 1 to 100 characters": "레이블 이름은 1자에서 100자 사이여야 합니다",
    "the built-in labels cannot be removed": "기본 레이블은 제거할 수 없습니다",
    "there is no text to import": "가져올 텍스트가 없습니다",
    "{path}: the text contains NUL characters; it looks like a binary file":
        "{path}: 텍스트에 NUL 문자가 있습니다. 바이너리 파일로 보입니다",
    "annotation {uuid} is deleted": "주석 {uuid}은(는) 삭제되었습니다",
    "annotation {uuid} is already deleted": "주석 {uuid}은(는) 이미 삭제되었습니다",
    "resolve needs either a revision to take or new values": "충돌을 해결하려면 택할 버전이나 새 값이 필요합니다",
    "start and end must be whole numbers": "시작과 끝은 정수여야 합니다",
    "offsets {start}..{end} are outside the text (0..{length})":
        "위치 {start}..{end}이(가) 텍스트 범위(0..{length})를 벗어납니다",
    "start ({start}) must be less than end ({end})": "시작({start})은 끝({end})보다 작아야 합니다",
    "a span of {length} characters is longer than {limit}": "{length}자 범위는 최대 길이 {limit}자보다 깁니다",
    "the note is longer than {limit} characters": "메모가 {limit}자보다 깁니다",
    "no label {uuid}": "레이블 {uuid}이(가) 없습니다",
    "a label named “{name}” already exists": "“{name}” 레이블이 이미 있습니다",
    "the key {shortcut!r} already marks “{name}”": "{shortcut!r} 키는 이미 “{name}” 표시에 쓰이고 있습니다",
    "no annotation {uuid} in this project": "이 프로젝트에 주석 {uuid}이(가) 없습니다",
    "annotation {uuid} has no revision {take}": "주석 {uuid}에는 {take} 버전이 없습니다",
    "document UUID {uuid!r} is not a UUID or already in use":
        "문서 UUID {uuid!r}은(는) UUID가 아니거나 이미 쓰이고 있습니다",
    "a label named “{name}” (or with UUID {uuid}) already exists": "“{name}” 레이블(또는 UUID {uuid})이 이미 있습니다",
    "no document {ref} in this project": "이 프로젝트에 문서 {ref}이(가) 없습니다",
    "{path}: opened read-only; nothing was changed": "{path}: 읽기 전용으로 열었으므로 아무것도 바뀌지 않았습니다",
    ("{name}: changes that were waiting in {name}-wal (from a session that did "
     "not close, or one still open) are now in the project file"):
        "{name}: {name}-wal에 남아 있던 변경 내용(끝나지 않은 세션이나 아직 "
        "열려 있는 세션의 것)을 이제 프로젝트 파일에 넣었습니다",
    # queries.py
    "unknown kind or label {ref!r} (kinds: {kinds})": "알 수 없는 종류나 레이블 {ref!r} (종류: {kinds})",
    "unknown kind {kind!r} (kinds: {kinds})": "알 수 없는 종류 {kind!r} (종류: {kinds})",
    # labels.py
    "field {key}: expected yes/no, got {raw!r}": "{key} 필드: 예/아니요 값이어야 하는데 {raw!r}입니다",
    "field {key}: expected one of {choices}, got {raw!r}": "{key} 필드: {choices} 중 하나여야 하는데 {raw!r}입니다",
    "too many fields ({count}; at most {limit})": "필드가 너무 많습니다 ({count}개, 최대 {limit}개)",
    "field {key}: expected a number, got {raw!r}": "{key} 필드: 숫자여야 하는데 {raw!r}입니다",
    "field {key}: expected a finite number, got {raw!r}": "{key} 필드: 유한한 숫자여야 하는데 {raw!r}입니다",
    "bad field name {key!r}": "잘못된 필드 이름 {key!r}",
    "field {key}: longer than {limit} characters": "{key} 필드: {limit}자보다 깁니다",
    "unknown field {key!r} for {kind}; known fields: {known}":
        "{kind}에 없는 필드 {key!r}입니다. 쓸 수 있는 필드: {known}",
    # interop/api.py
    "unknown export format {fmt!r} (formats: {formats})": "알 수 없는 내보내기 형식 {fmt!r} (형식: {formats})",
    # interop/atomic.py
    "{target}: is a folder; give a file name to export to": "{target}: 폴더입니다. 내보낼 파일 이름을 지정하세요",
    "{target}: a file of that name exists; give a new or empty folder to export to":
        "{target}: 같은 이름의 파일이 있습니다. 내보낼 새 폴더나 빈 폴더를 지정하세요",
    "{target}: the folder is not empty; give a new or empty folder to export to":
        "{target}: 폴더가 비어 있지 않습니다. 내보낼 새 폴더나 빈 폴더를 지정하세요",
    "{target}: the folder {parent} does not exist": "{target}: {parent} 폴더가 없습니다",
    "{target}: cannot write here ({reason})": "{target}: 여기에 쓸 수 없습니다 ({reason})",
    "{target}: cannot write the export ({reason})": "{target}: 내보낸 파일을 쓸 수 없습니다 ({reason})",
    # interop/selection.py
    "1 orphaned annotation left out: its quote is no longer found in the text (re-anchor or fix it first)":
        "위치 잃은 주석 1개를 뺐습니다. 인용문을 텍스트에서 더 이상 찾을 수 "
        "없습니다 (먼저 위치를 다시 맞추거나 고치세요)",
    "{count} orphaned annotations left out: their quote is no longer found in the text (re-anchor or fix them first)":
        "위치 잃은 주석 {count}개를 뺐습니다. 인용문을 텍스트에서 더 이상 찾을 수 "
        "없습니다 (먼저 위치를 다시 맞추거나 고치세요)",
    # similar.py
    ("{path}: imported, but a near-identical text is already in the "
     "project: “{title}” ({kind}, {uuid}), {percent}% the same"):
        "{path}: 가져왔지만 거의 같은 텍스트가 이미 프로젝트에 있습니다: “{title}” ({kind}, {uuid}), {percent}% 같음",
    # interop/brat.py, tabular.py; db.py
    "annotation {uuid}: its span holds only line breaks; left out of the brat export":
        "주석 {uuid}: 범위에 줄바꿈만 있어 brat 내보내기에서 뺐습니다",
    "1 cell longer than {limit:,} characters was shortened (an Excel limit)":
        "{limit:,}자보다 긴 셀 1개를 줄였습니다 (Excel의 한도)",
    "{count:,} cells longer than {limit:,} characters were shortened (an Excel limit)":
        "{limit:,}자보다 긴 셀 {count:,}개를 줄였습니다 (Excel의 한도)",
    "already exists; choose another name or open it": "이미 있습니다. 다른 이름을 고르거나 그 파일을 여세요",
    # interop/importing.py, refi_import.py
    "… further skipped parts are not listed": "…더 뺀 부분은 나열하지 않습니다",
    "source “{name}”": "소스 “{name}”",
    "{what}: has no text; skipped": "{what}: 텍스트가 없어 건너뛰었습니다",
    "{what}, selection {guid}": "{what}, 선택 영역 {guid}",
    "{where}: empty selection ({start}..{end}); skipped": "{where}: 빈 선택 영역({start}..{end})이라 건너뛰었습니다",
    "{where}: longer than {limit} characters; skipped": "{where}: {limit}자보다 길어 건너뛰었습니다",
    "{where}: carries no code; skipped": "{where}: 코드가 없어 건너뛰었습니다",
    "{where}: refers to code {code}, which is not in the codebook; skipped":
        "{where}: 코드북에 없는 코드 {code}을(를) 가리켜 건너뛰었습니다",
    "{where}: the note is longer than {limit} characters": "{where}: 메모가 {limit}자보다 깁니다",
    "{where}: the note “{name}” is not a JSON object": "{where}: 메모 “{name}”이(가) JSON 객체가 아닙니다",
    # textnorm.py
    "cannot tell the text encoding (tried UTF-8, UTF-16, CP949/EUC-KR)":
        "텍스트 인코딩을 알 수 없습니다 (UTF-8, UTF-16, CP949/EUC-KR을 시도했습니다)",
    "the file looks binary, not text (it contains NUL or control bytes)":
        "텍스트가 아니라 바이너리 파일로 보입니다 (NUL이나 제어 바이트가 있습니다)",
    # suggest/review.py
    "a suggestion needs its document to be accepted": "제안을 받아들이려면 그 문서가 있어야 합니다",
    "the suggestion {exact!r} no longer matches the text of document {document}":
        "제안 {exact!r}이(가) 더 이상 문서 {document}의 텍스트와 맞지 않습니다",
    # store.py, labels.py, queries.py: NUL and damaged values
    "{what} contains a NUL character": "{what}에 NUL 문자가 있습니다",
    "the note": "메모",
    "the title": "제목",
    "the author's name": "작성자 이름",
    "the label's name or key": "레이블 이름이나 키",
    "label name {name!r}: a label needs a name of 1 to 100 characters (and no NUL character)":
        "레이블 이름 {name!r}: 레이블 이름은 1자에서 100자 사이여야 합니다 (NUL 문자 없이)",
    "field {key}: holds a NUL character": "{key} 필드: NUL 문자가 있습니다",
    "it holds text that is not valid UTF-8 (the file is damaged or was altered); `testimonia check` lists where":
        "올바른 UTF-8이 아닌 텍스트가 있습니다 (파일이 손상되었거나 바뀌었습니다). "
        "`testimonia check`가 어디인지 알려 줍니다",
    ("{what} holds a value of the wrong type (the file is damaged or was "
     "altered); `testimonia check` lists what is wrong"):
        "{what}에 형식이 잘못된 값이 있습니다 (파일이 손상되었거나 바뀌었습니다). "
        "`testimonia check`가 무엇이 잘못되었는지 알려 줍니다",
    "document {uuid}": "문서 {uuid}",
    "annotation {uuid}": "주석 {uuid}",
    "revision {uuid}": "버전 {uuid}",
    # files.py, importers
    "the file is larger than {size}, the limit for this kind of file":
        "파일이 {size}보다 큽니다. 이 종류의 파일이 넘을 수 없는 한도입니다",
    "{count:,} bytes": "{count:,}바이트",
    "this is not a regular file; only regular files are read": "일반 파일이 아닙니다. 일반 파일만 읽습니다",
    "this is a folder, not a file": "파일이 아니라 폴더입니다",
    "this is a pipe (FIFO), not a regular file; only regular files are read":
        "일반 파일이 아니라 파이프(FIFO)입니다. 일반 파일만 읽습니다",
    "this is a device, not a regular file; only regular files are read":
        "일반 파일이 아니라 장치입니다. 일반 파일만 읽습니다",
    "this is a socket, not a regular file; only regular files are read":
        "일반 파일이 아니라 소켓입니다. 일반 파일만 읽습니다",
    "the file does not exist": "파일이 없습니다",
    "cannot read the file ({reason})": "파일을 읽을 수 없습니다 ({reason})",
    "the document holds more than {limit:,} characters of text, the import limit; split it into smaller files":
        "문서의 텍스트가 가져오기 한도인 {limit:,}자를 넘습니다. 더 작은 파일로 나누세요",
    "the file could not be read ({kind}: {detail})": "파일을 읽지 못했습니다 ({kind}: {detail})",
    "the file could not be read ({kind})": "파일을 읽지 못했습니다 ({kind})",
    "files without an extension cannot be imported; supported types: {supported}":
        "확장자가 없는 파일은 가져올 수 없습니다. 지원하는 형식: {supported}",
    "“{suffix}” files cannot be imported; supported types: {supported}":
        "“{suffix}” 파일은 가져올 수 없습니다. 지원하는 형식: {supported}",
    "not enough memory to read this document": "이 문서를 읽을 메모리가 부족합니다",
    "the file is empty": "파일이 비어 있습니다",
    "no text found in the document": "문서에서 텍스트를 찾지 못했습니다",
    "this is not a Word .docx file (the file is not a valid .docx package)":
        "Word .docx 파일이 아닙니다 (올바른 .docx 패키지가 아닙니다)",
    "this is an old Word .doc file; save it as .docx and import again":
        "예전 Word .doc 파일입니다. .docx로 저장한 뒤 다시 가져오세요",
    "the part {name} is larger than {limit} KB; it is not a normal document":
        "부분 {name}이(가) {limit}KB보다 큽니다. 보통 문서가 아닙니다",
    "the .docx is password-protected; remove the password and import again":
        ".docx에 암호가 걸려 있습니다. 암호를 없앤 뒤 다시 가져오세요",
    "{not_docx}: its text part is not well-formed XML ({detail})":
        "{not_docx}: 텍스트 부분이 올바른 XML이 아닙니다 ({detail})",
    "the document part unpacks to more than {limit} MB, the import limit; it is not a normal document":
        "문서 부분의 압축을 풀면 가져오기 한도인 {limit}MB를 넘습니다. 보통 문서가 아닙니다",
    "the document holds more than {limit:,} XML elements, the import limit; it is not a normal document":
        "문서의 XML 요소가 가져오기 한도인 {limit:,}개를 넘습니다. 보통 문서가 아닙니다",
    "the PDF is encrypted; remove the password and import again":
        "PDF가 암호화되어 있습니다. 암호를 없앤 뒤 다시 가져오세요",
    "no text layer: the PDF looks scanned; run OCR first":
        "텍스트 층이 없습니다. 스캔한 PDF로 보입니다. 먼저 OCR을 하세요",
    "the PDF is damaged or incomplete (truncated download?); get a fresh copy and import again":
        "PDF가 손상되었거나 불완전합니다 (다운로드가 끊겼나요?). 새로 받아 다시 가져오세요",
    ("{what} passes a safety limit ({detail}); real documents stay far below "
     "it, so the file is malformed or built to exhaust memory"):
        "{what}이(가) 안전 한도를 넘습니다 ({detail}). 실제 문서는 이보다 훨씬 "
        "작으므로, 파일이 잘못되었거나 메모리를 고갈시키도록 만들어진 것입니다",
    "this is not a PDF file (it has no PDF header)": "PDF 파일이 아닙니다 (PDF 헤더가 없습니다)",
    "the PDF has no pages": "PDF에 쪽이 없습니다",
    ("the PDF's list of pages is malformed: it names {total} pages but only "
     "{seen} different ones (one page listed again and again)"):
        "PDF의 쪽 목록이 잘못되었습니다: {total}쪽이라고 하지만 서로 다른 쪽은 {seen}개뿐입니다 (한 쪽이 거듭 나열됨)",
    "page {page} cannot be read ({detail})": "{page}쪽을 읽을 수 없습니다 ({detail})",
    "the PDF uses AES encryption, which this version cannot open":
        "PDF가 AES 암호화를 써서 이 버전으로는 열 수 없습니다",
    "the PDF's structure": "PDF의 구조",
    "the PDF's list of pages": "PDF의 쪽 목록",
    # interop: refi_read, safe_xml, safe_zip, w3c_import
    "not a REFI-QDA project: expected one .qde file at the top, found {found}":
        "REFI-QDA 프로젝트가 아닙니다: 맨 위에 .qde 파일이 하나 있어야 하는데 {found}이(가) 있습니다",
    "not a REFI-QDA project: the root element is {tag!r}, expected Project in namespace {ns}":
        "REFI-QDA 프로젝트가 아닙니다: 루트 요소가 {tag!r}입니다. 이름공간 {ns}의 Project여야 합니다",
    "a {what} has a missing or malformed {attr} ({value!r}, line {line})":
        "{what}의 {attr}이(가) 없거나 잘못되었습니다 ({value!r}, {line}번째 줄)",
    "{what}: refused: the path {ref!r} {problem}": "{what}: 거부함: 경로 {ref!r}은(는) {problem}",
    "{what}: its text file {ref!r} is missing from the archive":
        "{what}: 텍스트 파일 {ref!r}이(가) 보관 파일에 없습니다",
    "more than {limit:,} selections": "선택 영역이 {limit:,}개를 넘습니다",
    "{label}: selection {guid} has offsets {start}..{end}, outside the text (0..{length} characters)":
        "{label}: 선택 영역 {guid}의 위치 {start}..{end}이(가) 텍스트(0..{length}자)를 벗어납니다",
    "more than {limit:,} sources": "소스가 {limit:,}개를 넘습니다",
    "{what}: its text is a file outside the project ({ref}); skipped":
        "{what}: 텍스트가 프로젝트 밖의 파일({ref})이라 건너뛰었습니다",
    "{label}: picture sources are not supported; skipped": "{label}: 그림 소스는 지원하지 않아 건너뛰었습니다",
    "{label}: audio sources are not supported; skipped": "{label}: 오디오 소스는 지원하지 않아 건너뛰었습니다",
    "{label}: video sources are not supported; skipped": "{label}: 동영상 소스는 지원하지 않아 건너뛰었습니다",
    "{label}: unknown kind of source; skipped": "{label}: 알 수 없는 종류의 소스라 건너뛰었습니다",
    "{label}: {count} code(s) applied to the whole source, not to a passage; skipped":
        "{label}: 구절이 아니라 소스 전체에 붙은 코드 {count}개를 건너뛰었습니다",
    "{label}: a coding of selection {guid} has no CodeRef": "{label}: 선택 영역 {guid}의 코딩에 CodeRef가 없습니다",
    "selection {guid}: {attr} {raw!r} is not a whole number": "선택 영역 {guid}: {attr} {raw!r}은(는) 정수가 아닙니다",
    "{label}: {count} area selection(s) on PDF pages are not supported; skipped":
        "{label}: PDF 쪽의 영역 선택 {count}개는 지원하지 않아 건너뛰었습니다",
    "{label}: no plain-text representation of the PDF; skipped":
        "{label}: PDF의 일반 텍스트 표현이 없어 건너뛰었습니다",
    "{label}: no plain text (only a rich-text file); skipped":
        "{label}: 일반 텍스트가 없어 (서식 있는 텍스트 파일뿐) 건너뛰었습니다",
    "the XML is larger than {limit} MB": "XML이 {limit}MB보다 큽니다",
    "the XML document is empty": "XML 문서가 비어 있습니다",
    "refused for safety: the XML declares a DTD or entities ({kind})":
        "안전을 위해 거부함: XML이 DTD나 엔티티를 선언합니다 ({kind})",
    "the XML is not well-formed ({detail})": "XML이 올바른 형식이 아닙니다 ({detail})",
    "the XML declares an encoding that cannot be read ({detail})": "XML이 읽을 수 없는 인코딩을 선언합니다 ({detail})",
    "the XML is nested too deeply": "XML이 너무 깊이 중첩되어 있습니다",
    "the XML cannot be read ({detail})": "XML을 읽을 수 없습니다 ({detail})",
    "has an empty name": "이름이 비어 있습니다",
    "contains a NUL character": "NUL 문자가 있습니다",
    "uses backslashes, which Windows reads as folders": "백슬래시를 씁니다 (Windows에서는 폴더로 읽습니다)",
    "is an absolute path": "절대 경로입니다",
    "points outside the archive (..)": "보관 파일 밖을 가리킵니다 (..)",
    "the archive holds {count:,} entries; at most {limit:,} are read":
        "보관 파일에 항목이 {count:,}개 있습니다. 최대 {limit:,}개까지만 읽습니다",
    "the entry is encrypted": "항목이 암호화되어 있습니다",
    "the entry declares {size:,} bytes; at most {limit:,} are read":
        "항목의 크기가 {size:,}바이트라고 되어 있습니다. 최대 {limit:,}바이트까지만 읽습니다",
    "refused: compressed {ratio} times or more, which is how zip bombs look":
        "거부함: {ratio}배 이상 압축되어 있습니다. 압축 폭탄이 그렇게 생겼습니다",
    "the archive would unpack to more than {limit} MB": "보관 파일의 압축을 풀면 {limit}MB를 넘습니다",
    "not a readable zip archive ({detail})": "읽을 수 있는 zip 보관 파일이 아닙니다 ({detail})",
    "refused: the archive entry {name!r} {problem}": "거부함: 보관 파일 항목 {name!r}은(는) {problem}",
    "refused: the archive holds {name!r} twice": "거부함: 보관 파일에 {name!r}이(가) 두 번 있습니다",
    "the entry cannot be read ({detail})": "항목을 읽을 수 없습니다 ({detail})",
    "refused: the entry unpacks to more than it declares": "거부함: 항목의 압축을 풀면 밝힌 크기보다 큽니다",
    "more than {limit:,} pages": "페이지가 {limit:,}개를 넘습니다",
    "more than {limit:,} annotations in one file": "한 파일에 주석이 {limit:,}개를 넘습니다",
    "expected a W3C AnnotationCollection, AnnotationPage or Annotation":
        "W3C AnnotationCollection, AnnotationPage, Annotation 중 하나여야 합니다",
    "annotation #{n}": "주석 #{n}",
    "not an Annotation object": "Annotation 객체가 아닙니다",
    "its target has no selector, so it cannot be placed in a text": "대상에 선택자가 없어 텍스트에 놓을 수 없습니다",
    "{where}: its document is not in this project; import the document first":
        "{where}: 그 문서가 이 프로젝트에 없습니다. 먼저 문서를 가져오세요",
    "{where}: its document was removed from this project; restore it first":
        "{where}: 그 문서는 이 프로젝트에서 제거되었습니다. 먼저 복원하세요",
    "{where}: no tagging body names its kind; skipped": "{where}: 종류를 밝히는 태그 본문이 없어 건너뛰었습니다",
    "its note holds a NUL character, which Testimonia never stores":
        "메모에 Testimonia가 저장하지 않는 NUL 문자가 있습니다",
    "TextQuoteSelector needs a non-empty string exact (and string prefix/suffix)":
        "TextQuoteSelector에는 비어 있지 않은 문자열 exact(그리고 문자열 prefix/suffix)가 있어야 합니다",
    "the quote is longer than {limit} characters": "인용문이 {limit}자보다 깁니다",
    "its quote “{exact}” is not in the document (wrong offsets, or another text)":
        "인용문 “{exact}”이(가) 문서에 없습니다 (위치가 틀렸거나 다른 텍스트입니다)",
    "not UTF-8 text, so not W3C annotation JSON": "UTF-8 텍스트가 아니므로 W3C 주석 JSON이 아닙니다",
    "the JSON is nested too deeply to be annotations": "JSON이 너무 깊이 중첩되어 있어 주석일 수 없습니다",
    "not valid JSON ({detail})": "올바른 JSON이 아닙니다 ({detail})",
    "the collection's pages are not embedded in the file (only linked), so there is nothing to import offline":
        "모음의 페이지가 파일에 들어 있지 않고 링크만 있어 오프라인으로 가져올 것이 없습니다",
    "a page's items are not a list": "페이지의 items가 목록이 아닙니다",
    "TextPositionSelector start/end must be whole numbers with start ≤ end, got {start!r}..{end!r}":
        "TextPositionSelector의 start/end는 start ≤ end인 정수여야 하는데 {start!r}..{end!r}입니다",
    "no TextQuoteSelector or TextPositionSelector": "TextQuoteSelector나 TextPositionSelector가 없습니다",
    "offsets {start}..{end} do not fit the text (0..{length})":
        "위치 {start}..{end}이(가) 텍스트(0..{length})에 맞지 않습니다",
    "its fields body is not a JSON object": "필드 본문이 JSON 객체가 아닙니다",
    "a TextualBody value must be a string": "TextualBody 값은 문자열이어야 합니다",
    "line {n}: the JSON is nested too deeply": "{n}번째 줄: JSON이 너무 깊이 중첩되어 있습니다",
    "line {n} is not valid JSON ({detail})": "{n}번째 줄이 올바른 JSON이 아닙니다 ({detail})",
    # rawdb.py, received.py, sendcopy.py
    "the project file is damaged (its header gives a page size of {page_size})":
        "프로젝트 파일이 손상되었습니다 (헤더의 페이지 크기가 {page_size}입니다)",
    ("the project file is damaged: it was cut short (its header says "
     "{expected:,} bytes, the file holds {size:,}); ask for a new copy"):
        "프로젝트 파일이 손상되었습니다: 잘려 있습니다 (헤더로는 {expected:,}바이트인데 "
        "파일은 {size:,}바이트입니다). 새 사본을 받으세요",
    ("the project file is damaged: {size:,} bytes is not a whole number of "
     "{page_size}-byte pages (cut short, or bytes added); ask for a new copy"):
        "프로젝트 파일이 손상되었습니다: {size:,}바이트는 {page_size}바이트 페이지의 "
        "정수배가 아닙니다 (잘렸거나 바이트가 덧붙었습니다). 새 사본을 받으세요",
    "the project file is damaged: {detail}": "프로젝트 파일이 손상되었습니다: {detail}",
    "no such file": "그런 파일이 없습니다",
    "is not a file": "파일이 아닙니다",
    "is not a Testimonia project file (not an SQLite database)":
        "Testimonia 프로젝트 파일이 아닙니다 (SQLite 데이터베이스가 아닙니다)",
    "the project file is truncated": "프로젝트 파일이 잘려 있습니다",
    "is an SQLite database but not a Testimonia project file":
        "SQLite 데이터베이스이지만 Testimonia 프로젝트 파일이 아닙니다",
    "cannot be read ({reason})": "읽을 수 없습니다 ({reason})",
    "the project file cannot be opened ({detail})": "프로젝트 파일을 열 수 없습니다 ({detail})",
    ("was written by a newer Testimonia (file format {version}; this version "
     "reads up to {newest}). Update Testimonia to open it."):
        "더 새로운 Testimonia로 만든 파일입니다 (파일 형식 {version}, 이 버전은 "
        "{newest}까지 읽습니다). 열려면 Testimonia를 업데이트하세요.",
    "has an unknown file format version {version}": "알 수 없는 파일 형식 버전 {version}입니다",
    "the project file is damaged ({detail})": "프로젝트 파일이 손상되었습니다 ({detail})",
    "the project file is damaged ({detail}); `testimonia check` says where":
        "프로젝트 파일이 손상되었습니다 ({detail}). `testimonia check`로 어디가 손상되었는지 확인하세요",
    "is not a regular file": "일반 파일이 아닙니다",
    "{name} beside it is not a regular file; nothing was read":
        "옆에 있는 {name}이(가) 일반 파일이 아니어서 아무것도 읽지 않았습니다",
    "{name} beside it cannot be read ({reason})": "옆에 있는 {name}을(를) 읽을 수 없습니다 ({reason})",
    ("{name}-journal beside it holds an unfinished change (the program writing it stopped "
     "part-way); it was rolled back in a private copy, and neither file was changed"):
        "옆에 있는 {name}-journal에 끝나지 않은 변경이 있습니다 (쓰던 프로그램이 도중에 "
        "멈췄습니다). 따로 만든 사본에서 되돌렸고, 두 파일 모두 바뀌지 않았습니다",
    ("{name}-wal beside it ({size}) may hold changes not yet written into the file; both "
     "were read together from a private copy, and neither file was changed"):
        "옆에 있는 {name}-wal({size})에 아직 파일에 쓰이지 않은 변경이 있을 수 있습니다. "
        "따로 만든 사본에서 함께 읽었고, 두 파일 모두 바뀌지 않았습니다",
    "cannot be copied to read it safely ({reason})": "안전하게 읽으려고 복사할 수 없습니다 ({reason})",
    "it and {name}{suffix} beside it cannot be read together ({detail})":
        "이 파일과 옆에 있는 {name}{suffix}을(를) 함께 읽을 수 없습니다 ({detail})",
    "its older file format could not be read ({detail})": "예전 파일 형식을 읽지 못했습니다 ({detail})",
    "{target}: is the project itself; choose another name": "{target}: 프로젝트 자신입니다. 다른 이름을 고르세요",
    "{target}: already exists; choose another name": "{target}: 이미 있습니다. 다른 이름을 고르세요",
    "{target}: the copy could not be written ({detail}); nothing was written":
        "{target}: 사본을 쓰지 못했습니다 ({detail}). 아무것도 쓰지 않았습니다",
    "{target}: the copy could not be written ({reason})": "{target}: 사본을 쓰지 못했습니다 ({reason})",
    # core/merge/
    "label {uuid}": "레이블 {uuid}",
    "it is this project itself; there is nothing to merge": "바로 이 프로젝트입니다. 병합할 것이 없습니다",
    "the file beside it, {name}: {problem}": "옆에 있는 파일 {name}: {problem}",
    "it cannot be opened ({detail})": "열 수 없습니다 ({detail})",
    "it could not be read (SQLite's own records in it are not valid UTF-8; a damaged or altered file)":
        "읽을 수 없습니다 (안에 있는 SQLite 자체 기록이 올바른 UTF-8이 아닙니다. 손상되었거나 바뀐 파일입니다)",
    ("document {uuid}: we hold a document with this UUID whose text and "
     "source both differ (a UUID must never be reused)"):
        "문서 {uuid}: 이 UUID의 문서가 이미 있는데 텍스트와 원본이 모두 다릅니다 (UUID는 다시 쓰면 안 됩니다)",
    "it could not be read ({detail})": "읽을 수 없습니다 ({detail})",
    "{ours}: the merge could not be written ({detail}); the project is unchanged":
        "{ours}: 병합 결과를 쓰지 못했습니다 ({detail}). 프로젝트는 그대로입니다",
    "it holds duplicate or inconsistent rows ({detail})": "중복되거나 서로 맞지 않는 행이 있습니다 ({detail})",
    "{path}: the merge checks failed ({detail})": "{path}: 병합 검사가 실패했습니다 ({detail})",
    ("{file}: added documents: {documents} ({matched} matched, {reanchored} re-anchored); annotations: "
     "{annotations} new, {changed} changed, {deleted} deleted; new conflicts: {conflicts}; orphans: {orphans}"):
        "{file}: 추가한 문서 {documents}개 (일치 {matched}개, 위치를 다시 맞춤 {reanchored}개); 주석: 새것 "
        "{annotations}개, 바뀜 {changed}개, 삭제 {deleted}개; 새 충돌 {conflicts}개; 위치 잃음 {orphans}개",
    "{file}: already merged on {when}; nothing new": "{file}: {when}에 이미 병합했습니다. 새것이 없습니다",
    ("{file}: would add documents: {documents} ({matched} matched, {reanchored} re-anchored); annotations: "
     "{annotations} new, {changed} changed, {deleted} deleted; new conflicts: {conflicts}; orphans: {orphans}"):
        "{file}: 추가할 문서 {documents}개 (일치 {matched}개, 위치를 다시 맞춤 {reanchored}개); 주석: 새것 "
        "{annotations}개, 바뀜 {changed}개, 삭제 {deleted}개; 새 충돌 {conflicts}개; 위치 잃음 {orphans}개",
    "cannot be merged: {problem}": "병합할 수 없습니다: {problem}",
    "its file format version {version} is not one this Testimonia reads":
        "파일 형식 버전 {version}은(는) 이 Testimonia가 읽지 못합니다",
    "its project table holds {count} rows instead of one": "프로젝트 테이블에 행이 하나가 아니라 {count}개 있습니다",
    "its project UUID {uuid} is not a UUID": "프로젝트 UUID {uuid}이(가) UUID가 아닙니다",
    "its project title or timestamps are not valid": "프로젝트 제목이나 시각이 올바르지 않습니다",
    "revision {uuid}: we hold a revision with this UUID whose content differs (a UUID must never be reused)":
        "버전 {uuid}: 이 UUID의 버전이 이미 있는데 내용이 다릅니다 (UUID는 다시 쓰면 안 됩니다)",
    "revision {uuid}: {problem}": "버전 {uuid}: {problem}",
    "annotation {uuid}: {problem}": "주석 {uuid}: {problem}",
    "it contains a {kind} ({name}), which Testimonia never writes; it may have been tampered with":
        "Testimonia가 만들지 않는 {kind}({name})이(가) 들어 있습니다. 누군가 손댔을 수 있습니다",
    "the table {table!r} is missing": "테이블 {table!r}이(가) 없습니다",
    "the table {table!r} does not have Testimonia's columns": "테이블 {table!r}의 열이 Testimonia의 것과 다릅니다",
    "the file is damaged or truncated ({problem})": "파일이 손상되었거나 잘려 있습니다 ({problem})",
    "it cannot be read ({detail})": "읽을 수 없습니다 ({detail})",
    "author {uuid}: not a UUID": "작성자 {uuid}: UUID가 아닙니다",
    "author {uuid}: the name or timestamp is not valid": "작성자 {uuid}: 이름이나 시각이 올바르지 않습니다",
    "{where}: not a UUID": "{where}: UUID가 아닙니다",
    "{where}: kind {kind} is not the kind of this label": "{where}: 종류 {kind}은(는) 이 레이블의 종류가 아닙니다",
    "{where}: the name or colour is not valid": "{where}: 이름이나 색이 올바르지 않습니다",
    "{where}: the shortcut, deletion flag or timestamp is not valid":
        "{where}: 단축키, 삭제 표시나 시각이 올바르지 않습니다",
    "document {uuid}: not a UUID": "문서 {uuid}: UUID가 아닙니다",
    "{where}: the text is missing or longer than {limit:,} characters":
        "{where}: 텍스트가 없거나 {limit:,}자보다 깁니다",
    "{where}: the title or kind is not valid": "{where}: 제목이나 종류가 올바르지 않습니다",
    "{where}: the source name or importer is not valid": "{where}: 원본 이름이나 가져온 사람이 올바르지 않습니다",
    "{where}: a SHA-256 is not 64 hexadecimal digits": "{where}: SHA-256이 16진수 64자리가 아닙니다",
    "{where}: a timestamp is out of range": "{where}: 시각이 범위를 벗어납니다",
    "{where}: its removed flag is not 0 or 1": "{where}: 제거 표시가 0이나 1이 아닙니다",
    "{where}: the metadata is not a JSON object of sane size":
        "{where}: 메타데이터가 적당한 크기의 JSON 객체가 아닙니다",
    "{where}: the page starts are not increasing offsets inside the text":
        "{where}: 쪽 시작 위치가 텍스트 안에서 커지는 위치가 아닙니다",
    "document {uuid}: its indexes do not agree with its row (a damaged or altered file)":
        "문서 {uuid}: 색인이 행과 맞지 않습니다 (손상되었거나 바뀐 파일)",
    "{where}: the text does not match its SHA-256 (it was altered)":
        "{where}: 텍스트가 SHA-256과 맞지 않습니다 (바뀌었습니다)",
    "{where}: the text holds a NUL character, which Testimonia never stores":
        "{where}: 텍스트에 Testimonia가 저장하지 않는 NUL 문자가 있습니다",
    "document alias {uuid}: not a UUID, or names no document of the file":
        "문서 별칭 {uuid}: UUID가 아니거나 파일의 어느 문서도 가리키지 않습니다",
    "it contains an index {name} that Testimonia does not create":
        "Testimonia가 만들지 않는 색인 {name}이(가) 들어 있습니다",
    "the file is damaged ({detail})": "파일이 손상되었습니다 ({detail})",
    "a revision holds text that is not valid UTF-8 ({detail})":
        "올바른 UTF-8이 아닌 텍스트가 든 버전이 있습니다 ({detail})",
    "revision {uuid}: its quoted text, context, note or fields hold a NUL character, which Testimonia never stores":
        "버전 {uuid}: 인용문, 앞뒤 맥락, 메모나 필드에 Testimonia가 저장하지 않는 NUL 문자가 있습니다",
    "its full-text index is not the one Testimonia creates": "전문 색인이 Testimonia가 만드는 것이 아닙니다",
    "revision {uuid}: offsets {start}..{end} are past the end of its document's text ({length} characters)":
        "버전 {uuid}: 위치 {start}..{end}이(가) 문서 텍스트({length}자)의 끝을 넘습니다",
    "revision {uuid}: its quoted text differs from its document's text at {start}..{end}":
        "버전 {uuid}: 인용문이 문서 텍스트의 {start}..{end} 부분과 다릅니다",
    "its UUID is not in canonical form": "UUID가 표준 형식이 아닙니다",
    "its key is not a UUID": "키가 UUID가 아닙니다",
    "{table} {key}: we hold a row with this key whose content differs (a key must never be reused)":
        "{table} {key}: 이 키를 가진 행이 이미 있는데 내용이 다릅니다 (키는 다시 쓰면 안 됩니다)",
    "its creator is not a UUID": "만든 사람이 UUID가 아닙니다",
    "its creation time is out of range": "만든 시각이 범위를 벗어납니다",
    "its document is not in the file": "그 문서가 파일에 없습니다",
    "it has no revision": "버전이 없습니다",
    "we hold it on another document, or with another creator or creation time":
        "이미 있는데, 다른 문서에 있거나 만든 사람이나 만든 시각이 다릅니다",
    "it belongs to no annotation of the file": "파일의 어느 주석에도 속하지 않습니다",
    "its author is not in the file": "작성자가 파일에 없습니다",
    "its label is unknown": "레이블을 알 수 없습니다",
    "its timestamp is out of range (a clock set years ahead?)": "시각이 범위를 벗어납니다 (시계가 몇 년 앞서 있나요?)",
    "its offsets are not whole numbers inside a text": "위치가 텍스트 안의 정수가 아닙니다",
    "its offsets {start}..{end} are not a span": "위치 {start}..{end}은(는) 범위가 아닙니다",
    "its span is longer than {limit} characters": "범위가 {limit}자보다 깁니다",
    "a text column holds something else": "텍스트 열에 다른 것이 들어 있습니다",
    "its quoted text or context is too long": "인용문이나 앞뒤 맥락이 너무 깁니다",
    "its note is {length} characters long (at most {limit})": "메모가 {length}자입니다 (최대 {limit}자)",
    "its flags are not 0 or 1": "표시 값이 0이나 1이 아닙니다",
    "its parents are not a JSON list of sane size": "부모 목록이 적당한 크기의 JSON 목록이 아닙니다",
    "its fields are not a JSON object of sane size": "필드가 적당한 크기의 JSON 객체가 아닙니다",
    "it has more than {limit} fields": "필드가 {limit}개를 넘습니다",
    "field {key}: the name is empty or too long": "{key} 필드: 이름이 비었거나 너무 깁니다",
    "field {key}: not text, a number or yes/no": "{key} 필드: 텍스트, 숫자, 예/아니요 중 어느 것도 아닙니다",
    "field {key}: too long": "{key} 필드: 너무 깁니다",
    "field {key}: not a field of its kind": "{key} 필드: 이 종류의 필드가 아닙니다",
    "field {key}: not a number": "{key} 필드: 숫자가 아닙니다",
    "field {key}: not yes/no": "{key} 필드: 예/아니요가 아닙니다",
    "field {key}: not text": "{key} 필드: 텍스트가 아닙니다",
    "field {key}: not one of its choices": "{key} 필드: 고를 수 있는 값이 아닙니다",
    "a parent is not a UUID": "부모 하나가 UUID가 아닙니다",
    "its parent {parent} is in neither file": "부모 {parent}이(가) 어느 파일에도 없습니다",
    "its parent {parent} belongs to another annotation": "부모 {parent}이(가) 다른 주석에 속합니다",
    "its parent {parent} is not older than it (a revision cycle, or a damaged file)":
        "부모 {parent}이(가) 더 오래되지 않았습니다 (버전 순환이거나 손상된 파일)",
    "its table {name} is not the one Testimonia creates": "테이블 {name}이(가) Testimonia가 만드는 것이 아닙니다",
    "it contains a table {name} that Testimonia does not use":
        "Testimonia가 쓰지 않는 테이블 {name}이(가) 들어 있습니다",
    "the vote share must be above 0 and at most 1, got {share}":
        "투표 비율은 0보다 크고 1 이하여야 합니다 (입력값: {share})",
    "name at least one annotation to settle": "정리할 주석을 하나 이상 지정하십시오",
    "the annotations to settle must be in one document": "정리할 주석은 한 문서 안에 있어야 합니다",
    "annotation {uuid} is itself curated; edit it instead":
        "주석 {uuid}은(는) 이미 정리된 주석입니다. 대신 그것을 편집하십시오",
    "--take {take}: not one of the annotations being merged": "--take {take}: 합치는 주석 중 하나가 아닙니다",
    "unknown curation action {action!r} (actions: {actions})": "알 수 없는 정리 동작 {action!r} (동작: {actions})",
    "a curated annotation names at most {limit} sources": "정리된 주석은 출처를 최대 {limit}개까지 지정합니다",
    "field {field} is reserved for curation marks (ACTION UUID …)":
        "{field} 필드는 정리 표시용으로 예약되어 있습니다 (동작 UUID …)",
    "more than one author is named {ref!r}; give the UUID instead":
        "이름이 {ref!r}인 작성자가 둘 이상입니다. 대신 UUID를 지정하십시오",
    "the project has no documents to compare": "프로젝트에 비교할 문서가 없습니다",
    "1 orphaned annotation left out: its quote is no longer at its offsets":
        "위치를 잃은 주석 1개를 뺐습니다: 인용문이 더 이상 그 위치에 없습니다",
    "{count} orphaned annotations left out: their quote is no longer at their offsets":
        "위치를 잃은 주석 {count}개를 뺐습니다: 인용문이 더 이상 그 위치에 없습니다",
    "no author {ref!r} in this project (authors: {known})":
        "이 프로젝트에 작성자 {ref!r}이(가) 없습니다 (작성자: {known})",
    "compare whom with the reference? name at least one other author (--authors)":
        "기준과 누구를 비교할까요? 다른 작성자를 하나 이상 지정하십시오 (--authors)",
    "agreement needs at least two annotators who coded the selection (found: {found})":
        "일치도를 구하려면 선택 범위를 코딩한 작성자가 둘 이상 있어야 합니다 (찾은 수: {found})",
    "--overlap must be between 0 and 1, got {overlap}": "--overlap은 0과 1 사이여야 합니다 (입력값: {overlap})",
    "the number of bootstrap samples must be between 0 and {limit}":
        "부트스트랩 표본 수는 0에서 {limit} 사이여야 합니다",
    "the bootstrap seed must be a whole number from 0": "부트스트랩 시드는 0 이상의 정수여야 합니다",
    "no document was annotated by at least two of them: nothing to compare":
        "둘 이상이 주석을 단 문서가 없습니다: 비교할 것이 없습니다",
    "{name} coded nothing in “{title}”": "{name}은(는) “{title}”에서 아무것도 코딩하지 않았습니다",
    "only 1 unit in all: too few for a reliable figure; intervals are wide or missing":
        "단위가 모두 1개뿐입니다: 믿을 만한 값을 내기에 너무 적어 구간이 넓거나 없습니다",
    "only {count} units in all: too few for a reliable figure; intervals are wide or missing":
        "단위가 모두 {count}개뿐입니다: 믿을 만한 값을 내기에 너무 적어 구간이 넓거나 없습니다",
    "{name} coded nothing in the documents compared": "{name}은(는) 비교한 문서에서 아무것도 코딩하지 않았습니다",
    "label {label}: only {name} used it; its agreement is at or below chance by construction":
        "레이블 {label}: {name}만 사용했으므로 일치도는 구조상 우연 수준 이하입니다",
    "label {label}: none of them used it in these documents; its measures are undefined":
        "레이블 {label}: 이 문서들에서 아무도 사용하지 않아 측정값이 정의되지 않습니다",
    "unknown report format {fmt!r} (formats: {formats})": "알 수 없는 보고서 형식 {fmt!r} (형식: {formats})",
    # core/merge/exchange.py: changes-only exchange files
    "{where}: it is listed as carried without its text, yet holds one":
        "{where}: 본문 없이 보낸 것으로 적혀 있는데 본문이 들어 있습니다",
    "it holds only the changes since {since}, which build on {what}, missing here; ask {sender} for a full copy":
        "{since} 이후의 변경 사항만 담고 있는데, 그 변경이 바탕으로 하는 {what}이(가) 이 프로젝트에 없습니다. "
        "{sender}에게 전체 사본을 요청하세요",
    "it is a changes-only file with part of its description missing": "변경 사항 파일인데 설명 일부가 빠져 있습니다",
    "it is a changes-only file that does not say who sent it": "변경 사항 파일인데 보낸 사람이 적혀 있지 않습니다",
    "--since {value}: not 'last', a date (2026-12-01) or a date and time (2026-12-01T14:30)":
        "--since {value}: 'last', 날짜(2026-12-01) 또는 날짜와 시각(2026-12-01T14:30)이 아닙니다",
    "{project}: no earlier exchange with {who} is recorded; send a full copy first (testimonia copy … --to NAME), or "
    "give a date with --since":
        "{project}: {who}와(과) 주고받은 기록이 없습니다. 먼저 전체 사본을 보내거나(testimonia copy … --to 이름) "
        "--since로 날짜를 지정하세요",
    "{target}: the changes could not be written ({detail}); nothing was written":
        "{target}: 변경 사항을 쓸 수 없습니다 ({detail}). 아무것도 쓰지 않았습니다",
    "{target}: the changes could not be written ({reason})": "{target}: 변경 사항을 쓸 수 없습니다 ({reason})",
    "the earlier version that revision {uuid} edits": "버전 {uuid}이(가) 고친 이전 버전",
    "the label {uuid}": "레이블 {uuid}",
    "anyone": "누구",
    "the document {title}": "문서 {title}",
    "is a changes-only file from a teammate, which holds only what is new: merge it into your project (testimonia "
    "merge PROJECT FILE, or File › Merge a teammate's file…) instead of opening it":
        "팀원이 보낸 변경 사항 파일로, 새로운 내용만 담고 있습니다. 열지 말고 내 프로젝트에 병합하세요 "
        "(testimonia merge 프로젝트 파일, 또는 파일 › 팀원의 파일 병합…)",
    # server/ (team server)
    ("the server address holds a password; keep passwords out of addresses and command lines: use ~/.pgpass "
     "(PGPASSFILE), a service file, or the password prompt"):
        ("서버 주소에 비밀번호가 들어 있습니다. 비밀번호는 주소나 명령줄에 넣지 말고 ~/.pgpass(PGPASSFILE), "
         "서비스 파일 또는 비밀번호 입력 창을 쓰세요"),
    "the team server needs the Python package psycopg (pip install \"psycopg[binary]\")":
        "팀 서버를 쓰려면 Python 패키지 psycopg가 필요합니다 (pip install \"psycopg[binary]\")",
    "{name}: a member name is lower-case letters, digits, '_', '.' and '-'":
        "{name}: 구성원 이름은 영문 소문자, 숫자, '_', '.', '-'로만 이루어져야 합니다",
    ("{name}: this role is a superuser or bypasses row-level security, so it would see every project; "
     "members must be ordinary roles"):
        ("{name}: 이 역할은 슈퍼유저이거나 행 수준 보안을 우회하므로 모든 프로젝트를 보게 됩니다. 구성원은 일반 "
         "역할이어야 합니다"),
    "{server}: only an admin of project {project} may manage its members":
        "{server}: 프로젝트 {project}의 구성원은 그 프로젝트의 관리자(admin)만 관리할 수 있습니다",
    ("{server}: {name} is an existing role that belongs to no project on this server (or a privileged one); "
     "the server's owner adds it"):
        ("{server}: {name}은(는) 이 서버의 어느 프로젝트에도 속하지 않은 기존 역할(또는 특권 역할)입니다. 서버 "
         "소유자가 추가해야 합니다"),
    "{path}: this project has not synced with a team server yet; give the server's address (URL) once":
        "{path}: 이 프로젝트는 아직 팀 서버와 동기화한 적이 없습니다. 서버 주소(URL)를 한 번 지정하세요",
    "{project}: a server project name is letters, digits, '.', '_' and '-' (at most 63)":
        "{project}: 서버 프로젝트 이름은 영문자, 숫자, '.', '_', '-'로만 이루어져야 합니다 (최대 63자)",
    "{role}: not a member role (reader, annotator, curator or admin)":
        "{role}: 구성원 역할이 아닙니다 (reader, annotator, curator, admin 중 하나)",
    "{schema}: a schema name is lower-case letters, digits and _ (at most 41)":
        "{schema}: 스키마 이름은 영문 소문자, 숫자, _로만 이루어져야 합니다 (최대 41자)",
    "{server}: no team server here (schema {schema}); ask its administrator, or run `testimonia server init`":
        ("{server}: 여기에는 팀 서버가 없습니다 (스키마 {schema}). 관리자에게 문의하거나 `testimonia server "
         "init`을 실행하세요"),
    "{server}: no team server schema {schema} here; run `testimonia server init` first":
        "{server}: 여기에는 팀 서버 스키마 {schema}가 없습니다. 먼저 `testimonia server init`을 실행하세요",
    "{server}: permission denied ({detail})":
        "{server}: 권한이 없습니다 ({detail})",
    "{server}: the connection to the team server was lost ({detail}); nothing was changed":
        "{server}: 팀 서버와의 연결이 끊겼습니다 ({detail}). 아무것도 바뀌지 않았습니다",
    ("{server}: the database already holds other tables ({names}); give a schema of its own with --schema "
     "NAME, or use an empty database"):
        ("{server}: 데이터베이스에 이미 다른 테이블이 있습니다 ({names}). --schema 이름 으로 전용 스키마를 "
         "지정하거나 빈 데이터베이스를 쓰세요"),
    "{server}: the pull was refused, nothing was changed: {problem}":
        "{server}: 받아오기가 거부되어 아무것도 바뀌지 않았습니다: {problem}",
    "{server}: the pull was refused, nothing was changed: {problem} (pushed by {who})":
        "{server}: 받아오기가 거부되어 아무것도 바뀌지 않았습니다: {problem} (올린 사람: {who})",
    "{server}: the schema {schema} already holds other tables ({names}); choose another schema":
        "{server}: 스키마 {schema}에 이미 다른 테이블이 있습니다 ({names}). 다른 스키마를 고르세요",
    "{server}: the server refused it ({detail})":
        "{server}: 서버가 거부했습니다 ({detail})",
    "{server}: the server refused the connection ({detail})":
        "{server}: 서버가 연결을 거부했습니다 ({detail})",
    "{server}: the server schema is at version {version} and this Testimonia uses {ours}; upgrade whichever is older":
        ("{server}: 서버 스키마는 버전 {version}이고 이 Testimonia는 {ours}을(를) 씁니다. 더 오래된 쪽을 "
         "업그레이드하세요"),
    ("{server}: the server schema is at version {version}, newer than this Testimonia (version {ours}); "
     "update Testimonia"):
        ("{server}: 서버 스키마 버전 {version}은(는) 이 Testimonia(버전 {ours})보다 새롭습니다. Testimonia를 "
         "업데이트하세요"),
    "{server}: the server schema is at version {version}; run `testimonia server upgrade` first":
        "{server}: 서버 스키마가 버전 {version}입니다. 먼저 `testimonia server upgrade`를 실행하세요",
    "{server}: the team server cannot be reached ({detail}); nothing was changed":
        "{server}: 팀 서버에 연결할 수 없습니다 ({detail}). 아무것도 바뀌지 않았습니다",
    "{server}: there is no project {project} on this server":
        "{server}: 이 서버에 프로젝트 {project}이(가) 없습니다",
    "{server}: there is no project {project} on this server that you are a member of":
        "{server}: 이 서버에 당신이 구성원인 프로젝트 {project}이(가) 없습니다",
    "{server}: you are a member of several projects ({names}); choose one with --server-project NAME":
        "{server}: 여러 프로젝트의 구성원입니다 ({names}). --server-project 이름 으로 하나를 고르세요",
    "{server}: you are not a member of any project on this server; ask its administrator to add you":
        "{server}: 이 서버의 어떤 프로젝트에도 구성원이 아닙니다. 관리자에게 추가를 요청하세요",
    ("{server}: {kind} {uuid}: the server holds a row with this UUID whose content differs (pushed by "
     "{who}); a UUID must never be reused, nothing was sent"):
        ("{server}: {kind} {uuid}: 서버에 같은 UUID이면서 내용이 다른 행이 있습니다 (올린 사람: {who}). UUID는 "
         "다시 쓰면 안 되며, 아무것도 보내지 않았습니다"),
    "{url}: not a PostgreSQL address ({detail})":
        "{url}: PostgreSQL 주소가 아닙니다 ({detail})",
}

from .messages_ko_evidence import KO_EVIDENCE  # noqa: E402

KO.update(KO_EVIDENCE)
