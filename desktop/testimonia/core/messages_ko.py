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
}
