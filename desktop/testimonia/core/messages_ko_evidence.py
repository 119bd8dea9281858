"""Korean for the evidence register's messages (core/evidence/), kept apart from messages_ko.py so
the register's text is found in one place; messages_ko.KO takes these in."""

from __future__ import annotations

KO_EVIDENCE: dict[str, str] = {
    "no entity {ref} in this project": "이 프로젝트에 개체 {ref}이(가) 없습니다",
    "more than one entity is called {ref!r}; give its UUID (see `testimonia entities`)":
        "{ref!r}(이)라는 개체가 둘 이상입니다. UUID를 지정하세요 (`testimonia entities` 참고)",
    "the entity's name": "개체 이름",
    "the entity type": "개체 유형",
    "the description": "설명",
    "{other} is already the same as {keep}": "{other}은(는) 이미 {keep}과(와) 같은 개체입니다",
    "those two entities are not merged": "두 개체는 병합되어 있지 않습니다",
    "{a} and {b} were not merged with each other": "{a}와(과) {b}는 서로 병합되지 않았습니다",
    "no merge record {ref} in this project": "이 프로젝트에 병합 기록 {ref}이(가) 없습니다",
    "an alias": "별칭",
    "an entity can have at most {limit} aliases": "개체의 별칭은 최대 {limit}개입니다",
    "the incident's title": "사건 제목",
    "the date": "날짜",
    "the end date": "끝 날짜",
    "the date range {start}/{end} ends before it starts": "날짜 범위 {start}/{end}의 끝이 시작보다 앞섭니다",
    "the place": "장소",
    "the role": "역할",
    "{entity} is not a participant of {incident} in that role":
        "{entity}은(는) 그 역할로 {incident}의 관련자가 아닙니다",
    "no incident type {ref!r} (types: {names})": "사건 유형 {ref!r}이(가) 없습니다 (유형: {names})",
    "the type's name": "유형 이름",
    "an incident type named “{name}” already exists": "“{name}”(이)라는 사건 유형이 이미 있습니다",
    "more than one incident is called {ref!r}; give its UUID":
        "{ref!r}(이)라는 사건이 둘 이상입니다. UUID를 지정하세요",
    "no incident {ref} in this project": "이 프로젝트에 사건 {ref}이(가) 없습니다",
    "a credibility grade is 1 to 6 (or 0 to clear it), not {grade}":
        "신빙성 등급은 1부터 6까지입니다 (지우려면 0). {grade}은(는) 안 됩니다",
    "no link {ref} in this project": "이 프로젝트에 연결 {ref}이(가) 없습니다",
    "{field!r} is not a field that names an entity ({fields})":
        "{field!r}은(는) 개체를 가리키는 필드가 아닙니다 ({fields})",
    "give the text to match": "맞춰 볼 텍스트를 지정하세요",
    "what the memo is about": "메모 대상",
    "the memo contains a NUL character": "메모에 NUL 문자가 있습니다",
    "a memo holds at most {limit:,} characters": "메모는 최대 {limit:,}자입니다",
    "unknown source field {name!r} (fields: {fields})": "알 수 없는 출처 필드 {name!r} (필드: {fields})",
    "the source's {field}": "출처의 {field}",
    "the source reliability": "출처 신뢰도",
    "the source type": "출처 유형",
    "{what} cannot be empty": "{what}은(는) 비워 둘 수 없습니다",
    "{what} is longer than {limit:,} characters": "{what}이(가) {limit:,}자보다 깁니다",
    "{what} must be one of: {choices}": "{what}은(는) 다음 중 하나여야 합니다: {choices}",
    "{what} {value!r} is not a date such as 2024, 2024-04 or 2024-04-26":
        "{what} {value!r}은(는) 2024, 2024-04, 2024-04-26 같은 날짜가 아닙니다",
    "the size limit for kept originals is 0 to {most:,} bytes":
        "보관할 원본 파일의 크기 제한은 0부터 {most:,}바이트까지입니다",
    # core/merge/evidence_kinds.py
    "a value that must be text is not": "텍스트여야 할 값이 텍스트가 아닙니다",
    "a yes/no value is not 0 or 1": "예/아니요 값이 0이나 1이 아닙니다",
    "its type is not one Testimonia knows": "유형이 Testimonia가 아는 것이 아닙니다",
    "its name is empty or too long": "이름이 비어 있거나 너무 깁니다",
    "its aliases are not a list of at most 50 short names": "별칭이 짧은 이름 50개 이하의 목록이 아닙니다",
    "a text in it is longer than Testimonia allows": "안의 텍스트가 Testimonia가 허용하는 길이보다 깁니다",
    "it names an entity that neither file holds": "어느 파일에도 없는 개체를 가리킵니다",
    "it says an entity is the same as itself": "개체가 자기 자신과 같다고 합니다",
    "its UUID is not the one its contents give (the row was altered)":
        "UUID가 내용에서 나오는 값과 다릅니다 (행이 변경되었습니다)",
    "it names an incident type that neither file holds": "어느 파일에도 없는 사건 유형을 가리킵니다",
    "it names an incident that neither file holds": "어느 파일에도 없는 사건을 가리킵니다",
    "it names an annotation that neither file holds": "어느 파일에도 없는 주석을 가리킵니다",
    "it names a document that neither file holds": "어느 파일에도 없는 문서를 가리킵니다",
    "its role is not one Testimonia knows": "역할이 Testimonia가 아는 것이 아닙니다",
    "a date in it is not an ISO date": "안의 날짜가 ISO 날짜가 아닙니다",
    "its grade is not a whole number from 0 to 6": "등급이 0부터 6까지의 정수가 아닙니다",
    "its reliability is not one of A to F": "신뢰도가 A부터 F 중 하나가 아닙니다",
    "its source type is not one Testimonia knows": "출처 유형이 Testimonia가 아는 것이 아닙니다",
    "it is about something Testimonia does not know": "Testimonia가 모르는 대상에 관한 것입니다",
    "its parents are not a list of memo version UUIDs": "부모가 메모 버전 UUID 목록이 아닙니다",
    "a UUID in it is not one": "안의 UUID가 UUID가 아닙니다",
    "two records join the same two entities": "두 기록이 같은 두 개체를 잇습니다",
    "its bytes do not match their SHA-256 or their size": "바이트가 SHA-256 또는 크기와 맞지 않습니다",
    "it is not the file its document was imported from": "문서를 가져온 그 파일이 아닙니다",
    "its timestamp is out of range": "타임스탬프가 범위를 벗어났습니다",
}
