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
}
