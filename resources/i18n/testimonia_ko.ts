<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Testimonia</source>
        <translation>Testimonia 정보</translation>
    </message>
    <message>
        <source>Offline annotation of human-rights evidence: statements, figures and obligations in articles and reports.</source>
        <translation>인권 관련 증거를 오프라인에서 주석하는 도구입니다. 기사와 보고서 속 진술, 수치, 의무를 표시합니다.</translation>
    </message>
    <message>
        <source>Licence: %1. You may share and change it under the terms of the GNU General Public License, version 3 or later.</source>
        <translation>라이선스: %1. GNU 일반 공중 사용 허가서 버전 3 또는 그 이후 버전의 조건에 따라 공유하고 수정할 수 있습니다.</translation>
    </message>
    <message>
        <source>Settings: %1</source>
        <translation>설정 폴더: %1</translation>
    </message>
    <message>
        <source>Error logs: %1</source>
        <translation>오류 기록 폴더: %1</translation>
    </message>
    <message>
        <source>Sample project: %1</source>
        <translation>예제 프로젝트: %1</translation>
    </message>
    <message>
        <source>Nothing is sent over the network.</source>
        <translation>어떤 정보도 네트워크로 전송되지 않습니다.</translation>
    </message>
</context>
<context>
    <name>Adjudication</name>
    <message>
        <source>Accept version</source>
        <translation>버전 채택</translation>
    </message>
    <message>
        <source>Merge boundaries</source>
        <translation>경계 합치기</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>거부</translation>
    </message>
    <message>
        <source>Accept where all agree</source>
        <translation>모두 일치하는 곳 채택</translation>
    </message>
</context>
<context>
    <name>Agreement</name>
    <message>
        <source>missing span</source>
        <translation>구간 빠짐</translation>
    </message>
    <message>
        <source>boundary differs</source>
        <translation>경계 다름</translation>
    </message>
    <message>
        <source>label differs</source>
        <translation>레이블 다름</translation>
    </message>
    <message>
        <source>field differs</source>
        <translation>필드 다름</translation>
    </message>
    <message>
        <source>uα (all labels), (k)uα per label</source>
        <translation>uα (모든 레이블), 레이블별 (k)uα</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>정리됨</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>문서</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>주석자</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>위치</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
</context>
<context>
    <name>AgreementDock</name>
    <message>
        <source>A&amp;greement between coders</source>
        <translation>코더 간 일치도(&amp;G)</translation>
    </message>
    <message>
        <source>How far the coders agree, where they disagree, and the curated reading</source>
        <translation>코더들이 얼마나 일치하는지, 어디서 어긋나는지, 그리고 정리본</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>일치도</translation>
    </message>
</context>
<context>
    <name>AgreementView</name>
    <message>
        <source>Annotators to compare (Space ticks or unticks one)</source>
        <translation>비교할 주석자 (Space로 선택하거나 해제)</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>주석자</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>문서</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>기준</translation>
    </message>
    <message>
        <source>Pair everyone with a reference (the curated reading, or a gold author): precision and recall are then theirs against it</source>
        <translation>모두를 기준(정리본이나 정답 작성자)과 짝지음: 정밀도와 재현율은 그 기준에 대한 값</translation>
    </message>
    <message>
        <source>overlap ≥ </source>
        <translation>겹침 ≥ </translation>
    </message>
    <message>
        <source>Two spans match when their shared length over their joint length reaches this (1 asks for identical boundaries)</source>
        <translation>두 구간의 겹친 길이를 합친 길이로 나눈 값이 이 값 이상이면 짝이 됩니다 (1은 경계가 똑같아야 함)</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>계산</translation>
    </message>
    <message>
        <source>Compute the figures for this choice (F5)</source>
        <translation>이 선택으로 수치 계산 (F5)</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>보고서 내보내기…</translation>
    </message>
    <message>
        <source>The measures, intervals and disagreements as HTML, CSV or Excel</source>
        <translation>측정값, 구간, 불일치를 HTML, CSV 또는 Excel로</translation>
    </message>
    <message>
        <source>Measure shown</source>
        <translation>표시할 측정</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>측정</translation>
    </message>
    <message>
        <source>Value [95 % interval]</source>
        <translation>값 [95 % 구간]</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>문서</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>불일치</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>정리됨</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>남음</translation>
    </message>
    <message>
        <source>vote share ≥ </source>
        <translation>득표율 ≥ </translation>
    </message>
    <message>
        <source>Accept a unit when at least this share of the document&apos;s annotators marked it alike</source>
        <translation>문서의 주석자 중 이 비율 이상이 똑같이 표시한 단위를 채택</translation>
    </message>
    <message>
        <source>Accept where all agree…</source>
        <translation>모두 일치하는 곳 채택…</translation>
    </message>
    <message>
        <source>Same label, overlap above the threshold, same fields: accept them into the curated reading in one step</source>
        <translation>같은 레이블, 기준 이상 겹침, 같은 필드: 한 번에 정리본으로 채택</translation>
    </message>
    <message>
        <source>&amp;Measures</source>
        <translation>측정값(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Disagreements</source>
        <translation>불일치(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Progress</source>
        <translation>진행(&amp;P)</translation>
    </message>
    <message>
        <source>Accept the first version</source>
        <translation>첫째 버전 채택</translation>
    </message>
    <message>
        <source>Accept the second version</source>
        <translation>둘째 버전 채택</translation>
    </message>
    <message>
        <source>Merge boundaries</source>
        <translation>경계 합치기</translation>
    </message>
    <message>
        <source>Reject both</source>
        <translation>둘 다 거부</translation>
    </message>
    <message>
        <source>Fix fields of the curated annotation</source>
        <translation>정리된 주석의 필드 고치기</translation>
    </message>
    <message>
        <source>Next disagreement left</source>
        <translation>남은 다음 불일치</translation>
    </message>
    <message>
        <source>Previous disagreement left</source>
        <translation>남은 이전 불일치</translation>
    </message>
    <message>
        <source>Compute again</source>
        <translation>다시 계산</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>모든 문서</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>모든 레이블</translation>
    </message>
    <message>
        <source>Every pair</source>
        <translation>모든 쌍</translation>
    </message>
    <message>
        <source>Against the curated reading</source>
        <translation>정리본과 비교</translation>
    </message>
    <message>
        <source>Against %1</source>
        <translation>%1과 비교</translation>
    </message>
    <message>
        <source>Open a project first</source>
        <translation>먼저 프로젝트를 여세요</translation>
    </message>
    <message>
        <source>Computing the figures and their intervals…</source>
        <translation>수치와 구간을 계산하는 중…</translation>
    </message>
    <message>
        <source>%1 annotators, %2 disagreements. Intervals: 95 % bootstrap, %3 samples.</source>
        <translation>주석자 %1명, 불일치 %2건. 구간: 95 % 부트스트랩, 표본 %3개.</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s), listed with the measures.</source>
        <translation>
            <numerusform>경고 %n개, 측정값과 함께 나열됨.</numerusform>
        </translation>
    </message>
    <message>
        <source>Codings changed since these figures were computed; press Compute (F5) to bring them up to date.</source>
        <translation>이 수치를 계산한 뒤 코딩이 바뀌었습니다. 계산(F5)을 눌러 새로 고치세요.</translation>
    </message>
    <message>
        <source>1 is perfect agreement, 0 what chance gives; journals usually ask for 0.8 (0.667 for tentative conclusions). In brackets: the 95 % bootstrap interval.</source>
        <translation>1은 완전한 일치, 0은 우연 수준입니다. 학술지는 보통 0.8 (잠정적 결론이면 0.667)을 요구합니다. 괄호 안은 95 % 부트스트랩 구간입니다.</translation>
    </message>
    <message>
        <source>field %1 of %2 (α, %3 units)</source>
        <translation>%2의 필드 %1 (α, 단위 %3개)</translation>
    </message>
    <message>
        <source>units compared</source>
        <translation>비교한 단위</translation>
    </message>
    <message>
        <source>documents</source>
        <translation>문서</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>경고</translation>
    </message>
    <message>
        <source>&amp;Disagreements (%1)</source>
        <translation>불일치(&amp;D) (%1)</translation>
    </message>
    <message>
        <source>Accept %1&apos;s version</source>
        <translation>%1의 버전 채택</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>거부</translation>
    </message>
    <message>
        <source>No disagreement left here</source>
        <translation>여기에는 남은 불일치가 없습니다</translation>
    </message>
    <message>
        <source>Curated reading</source>
        <translation>정리본</translation>
    </message>
    <message>
        <source>Accept or merge a version first; then fix its fields</source>
        <translation>먼저 버전을 채택하거나 합친 뒤 필드를 고치세요</translation>
    </message>
    <message>
        <source>Nothing to accept: no unit left where the annotators agree</source>
        <translation>채택할 것이 없습니다: 주석자들이 일치하는 단위가 남아 있지 않습니다</translation>
    </message>
    <message>
        <source>• %1 with %2 of %3 votes</source>
        <translation>• %1건: %3표 중 %2표</translation>
    </message>
    <message>
        <source>Accept where all agree</source>
        <translation>모두 일치하는 곳 채택</translation>
    </message>
    <message>
        <source>Accept %1 units into the curated reading, where the annotators agree on label, boundaries and fields?</source>
        <translation>주석자들이 레이블, 경계, 필드에서 일치하는 단위 %1개를 정리본으로 채택할까요?</translation>
    </message>
    <message>
        <source>Accepted %1 units into the curated reading</source>
        <translation>단위 %1개를 정리본으로 채택했습니다</translation>
    </message>
    <message>
        <source>%1 of %2 disagreements left to settle</source>
        <translation>불일치 %2건 중 %1건이 남았습니다</translation>
    </message>
    <message>
        <source>Compute the figures first</source>
        <translation>먼저 수치를 계산하세요</translation>
    </message>
    <message>
        <source>Export agreement report</source>
        <translation>일치도 보고서 내보내기</translation>
    </message>
    <message>
        <source>Report (*.html);;CSV (*.csv);;Excel (*.xlsx)</source>
        <translation>보고서 (*.html);;CSV (*.csv);;Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>%1: choose a name ending in .html, .csv or .xlsx</source>
        <translation>%1: .html, .csv 또는 .xlsx로 끝나는 이름을 고르세요</translation>
    </message>
    <message>
        <source>Writing %1</source>
        <translation>%1 쓰는 중</translation>
    </message>
    <message>
        <source>Wrote the agreement report to %1</source>
        <translation>일치도 보고서를 %1에 썼습니다</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>내보내는 중</translation>
    </message>
</context>
<context>
    <name>AnnotationEditor</name>
    <message>
        <source>Select text and press 1, 2 or 3 (or S, F, O) to mark it; click a highlight to edit it.</source>
        <translation>텍스트를 선택하고 1, 2, 3(또는 S, F, O)을 눌러 표시하세요. 강조된 부분을 클릭하면 편집할 수 있습니다.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Created by %1, %2</source>
        <translation>작성: %1, %2</translation>
    </message>
    <message>
        <source>Last edit by %1, %2</source>
        <translation>마지막 수정: %1, %2</translation>
    </message>
    <message>
        <source>Characters %1–%2</source>
        <translation>%1–%2번째 글자</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>%1쪽</translation>
    </message>
    <message>
        <source>Conflict: %1 versions disagree</source>
        <translation>충돌: 서로 다른 버전 %1개</translation>
    </message>
    <message>
        <source>Orphaned: the text no longer matches this span</source>
        <translation>위치 잃음: 텍스트가 더 이상 이 범위와 맞지 않습니다</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 수정</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>메모 수정</translation>
    </message>
    <message>
        <source>Change label to %1</source>
        <translation>레이블을 %1(으)로 변경</translation>
    </message>
</context>
<context>
    <name>AnnotationsModel</name>
    <message>
        <source>Label</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>쪽</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>작성자</translation>
    </message>
    <message>
        <source>Conflict: edits from different people disagree</source>
        <translation>충돌: 여러 사람의 수정 내용이 서로 다릅니다</translation>
    </message>
    <message>
        <source>%1 versions disagree</source>
        <translation>서로 다른 버전 %1개</translation>
    </message>
    <message>
        <source>Orphaned: the text no longer matches this span</source>
        <translation>위치 잃음: 텍스트가 더 이상 이 범위와 맞지 않습니다</translation>
    </message>
</context>
<context>
    <name>AnnotationsPanel</name>
    <message>
        <source>Conflicts</source>
        <translation>충돌만</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>모든 레이블</translation>
    </message>
    <message>
        <source>All authors</source>
        <translation>모든 작성자</translation>
    </message>
</context>
<context>
    <name>BulkAcceptDialog</name>
    <message>
        <source>Accept suggestions above a score</source>
        <translation>점수 이상의 제안 수락</translation>
    </message>
    <message>
        <source>Every kind</source>
        <translation>모든 종류</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>종류(&amp;K):</translation>
    </message>
    <message>
        <source>&amp;Lowest score:</source>
        <translation>최저 점수(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Accept them</source>
        <translation>모두 수락(&amp;A)</translation>
    </message>
    <message>
        <source>Suggestions of this kind with at least this score become annotations, their fields filled in. Undo takes them all back at once.</source>
        <translation>이 종류에서 이 점수 이상인 제안이 필드가 채워진 주석이 됩니다. 실행 취소하면 한 번에 모두 되돌립니다.</translation>
    </message>
    <message>
        <source>To be accepted: %1 of the %2 in the list</source>
        <translation>수락할 제안: 목록의 %2개 중 %1개</translation>
    </message>
</context>
<context>
    <name>Choice</name>
    <message>
        <source>direct</source>
        <translation>직접 인용</translation>
    </message>
    <message>
        <source>reported</source>
        <translation>간접 인용</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>no</source>
        <translation>아니요</translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <source>Choose a disagreement to see the versions side by side; Enter or double-click also opens it in the reader.</source>
        <translation>불일치를 고르면 버전들이 나란히 보입니다. Enter나 두 번 클릭하면 읽기 창에서도 열립니다.</translation>
    </message>
    <message>
        <source>“%1”, characters %2–%3: each annotator&apos;s spans in their own colour</source>
        <translation>“%1”, %2–%3번째 글자: 주석자마다 자기 색으로 구간 표시</translation>
    </message>
    <message>
        <source>no span here</source>
        <translation>여기에 구간 없음</translation>
    </message>
    <message>
        <source>%1, characters %2–%3</source>
        <translation>%1, %2–%3번째 글자</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <source>No conflicts: every annotation has a single current version.</source>
        <translation>충돌이 없습니다. 모든 주석의 현재 버전이 하나입니다.</translation>
    </message>
    <message>
        <source>Edit and resolve…</source>
        <translation>편집해서 해결…</translation>
    </message>
    <message>
        <source>Show in document</source>
        <translation>문서에서 보기</translation>
    </message>
    <message>
        <source>%1 versions of this annotation in “%2” disagree. Keep one, or edit and resolve.</source>
        <translation>“%2”에 있는 이 주석의 버전 %1개가 서로 다릅니다. 하나를 남기거나, 편집해서 해결하세요.</translation>
    </message>
    <message>
        <source>Keep this version</source>
        <translation>이 버전 남기기</translation>
    </message>
    <message>
        <source>Keep the version by %1</source>
        <translation>%1 님의 버전 남기기</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>no</source>
        <translation>아니요</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>작성자</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>글자 위치</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>삭제됨</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>버전 %1</translation>
    </message>
    <message>
        <source>Resolve conflict</source>
        <translation>충돌 해결</translation>
    </message>
    <message>
        <source>Conflict resolved</source>
        <translation>충돌을 해결했습니다</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Testimonia ran into a problem</source>
        <translation>Testimonia에 문제가 생겼습니다</translation>
    </message>
    <message>
        <source>The details were saved in %1.</source>
        <translation>자세한 내용은 %1에 저장했습니다.</translation>
    </message>
    <message>
        <source>The details could not be saved to a log file.</source>
        <translation>자세한 내용을 기록 파일에 저장하지 못했습니다.</translation>
    </message>
    <message>
        <source>Testimonia ran into a problem in its own code. Your annotations are safe: each one was saved when you made it. You can keep working, or restart the app if something looks wrong.</source>
        <translation>Testimonia 자체 코드에서 문제가 생겼습니다. 주석은 안전합니다: 만들 때마다 하나씩 저장되었습니다. 계속 작업하거나, 이상해 보이면 앱을 다시 시작하십시오.</translation>
    </message>
    <message>
        <source>Testimonia</source>
        <translation>Testimonia</translation>
    </message>
    <message>
        <source>Nothing was sent anywhere; to report the problem, copy the text below into your message.</source>
        <translation>어떤 정보도 외부로 전송되지 않았습니다. 문제를 알리려면 아래 내용을 복사해 메시지에 붙여 넣으세요.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
</context>
<context>
    <name>DocumentRemoval</name>
    <message>
        <source>Removed “%1” (%2 brings it back)</source>
        <translation>“%1” 문서를 제거했습니다 (%2 키로 되돌릴 수 있습니다)</translation>
    </message>
    <message>
        <source>Open or create a project first</source>
        <translation>먼저 프로젝트를 열거나 만드세요</translation>
    </message>
    <message>
        <source>No removed documents</source>
        <translation>제거한 문서가 없습니다</translation>
    </message>
    <message>
        <source>Removed documents</source>
        <translation>제거한 문서</translation>
    </message>
    <message>
        <source>Document:</source>
        <translation>문서:</translation>
    </message>
    <message>
        <source>Restored “%1”</source>
        <translation>“%1” 문서를 복원했습니다</translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>S</source>
        <translation>진</translation>
    </message>
    <message>
        <source>F</source>
        <translation>수</translation>
    </message>
    <message>
        <source>O</source>
        <translation>의</translation>
    </message>
    <message>
        <source>What the document was imported from</source>
        <translation>문서를 가져온 파일 형식</translation>
    </message>
    <message>
        <source>Statements</source>
        <translation>진술</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>수치</translation>
    </message>
    <message>
        <source>Obligations</source>
        <translation>의무</translation>
    </message>
    <message>
        <source>Annotations with your own labels</source>
        <translation>직접 만든 레이블의 주석</translation>
    </message>
    <message>
        <source>pasted</source>
        <translation>붙여넣음</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln page(s)</source>
        <translation>
            <numerusform>%Ln쪽</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2), imported by %3 on %4</source>
        <translation>%1 (%2), %3 님이 %4에 가져옴</translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <source>Filter documents</source>
        <translation>문서 거르기</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>이름 바꾸기(&amp;R)…</translation>
    </message>
    <message>
        <source>Re&amp;move document</source>
        <translation>문서 제거(&amp;M)</translation>
    </message>
</context>
<context>
    <name>EntityDialog</name>
    <message>
        <source>New entity</source>
        <translation>새 개체</translation>
    </message>
    <message>
        <source>other spellings, separated by ;</source>
        <translation>다른 표기, ;로 구분</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>유형(&amp;Y):</translation>
    </message>
    <message>
        <source>&amp;Aliases:</source>
        <translation>별칭(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>설명(&amp;D):</translation>
    </message>
</context>
<context>
    <name>EntityView</name>
    <message>
        <source>People, organisations, states, places and groups</source>
        <translation>사람, 단체, 국가, 장소, 집단</translation>
    </message>
    <message>
        <source>New &amp;entity…</source>
        <translation>새 개체(&amp;E)…</translation>
    </message>
    <message>
        <source>A new register entry, named after the text selected in the reader</source>
        <translation>리더에서 선택한 텍스트를 이름으로 하는 새 등록 항목</translation>
    </message>
    <message>
        <source>&amp;Same as…</source>
        <translation>같은 개체(&amp;S)…</translation>
    </message>
    <message>
        <source>Record that the selected entry is the same as another (undoable)</source>
        <translation>선택한 항목이 다른 항목과 같다고 기록합니다 (되돌릴 수 있음)</translation>
    </message>
    <message>
        <source>&amp;Undo merge</source>
        <translation>병합 되돌리기(&amp;U)</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>편집(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>제거(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the entry from the register (a change that reaches the team)</source>
        <translation>등록부에서 항목을 제거합니다 (팀에도 전달되는 변경)</translation>
    </message>
    <message>
        <source>Speakers as the articles write them</source>
        <translation>기사에 쓰인 그대로의 발언자</translation>
    </message>
    <message>
        <source>&amp;Link all with this speaker text</source>
        <translation>이 발언자 텍스트를 모두 연결(&amp;L)</translation>
    </message>
    <message>
        <source>Link every statement whose speaker reads this text to the selected entry</source>
        <translation>발언자가 이 텍스트인 모든 진술을 선택한 항목에 연결합니다</translation>
    </message>
    <message>
        <source>Speakers as written:</source>
        <translation>쓰인 그대로의 발언자:</translation>
    </message>
    <message>
        <source>person</source>
        <translation>사람</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>단체</translation>
    </message>
    <message>
        <source>state</source>
        <translation>국가</translation>
    </message>
    <message>
        <source>place</source>
        <translation>장소</translation>
    </message>
    <message>
        <source>group</source>
        <translation>집단</translation>
    </message>
    <message>
        <source>No entity yet: select a speaker&apos;s name in the reader and add it.</source>
        <translation>아직 개체가 없습니다. 리더에서 발언자 이름을 선택해 추가하세요.</translation>
    </message>
    <message>
        <source>Cannot add the entity</source>
        <translation>개체를 추가할 수 없습니다</translation>
    </message>
    <message>
        <source>Edit entity</source>
        <translation>개체 편집</translation>
    </message>
    <message>
        <source>Cannot change the entity</source>
        <translation>개체를 바꿀 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot remove the entity</source>
        <translation>개체를 제거할 수 없습니다</translation>
    </message>
    <message>
        <source>Entity removed; `testimonia entity-edit --restore` brings it back.</source>
        <translation>개체를 제거했습니다. `testimonia entity-edit --restore`로 되살릴 수 있습니다.</translation>
    </message>
    <message>
        <source>Select an entry and a speaker text first.</source>
        <translation>먼저 항목과 발언자 텍스트를 선택하세요.</translation>
    </message>
    <message>
        <source>Cannot link</source>
        <translation>연결할 수 없습니다</translation>
    </message>
    <message numerus="yes">
        <source>%n statement(s) linked.</source>
        <translation>
            <numerusform>진술 %n개를 연결했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Same as</source>
        <translation>같은 개체</translation>
    </message>
    <message>
        <source>The selected entry is the same as:</source>
        <translation>선택한 항목과 같은 개체:</translation>
    </message>
    <message>
        <source>Cannot merge</source>
        <translation>병합할 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot undo the merge</source>
        <translation>병합을 되돌릴 수 없습니다</translation>
    </message>
</context>
<context>
    <name>EvidenceDocks</name>
    <message>
        <source>Incidents</source>
        <translation>사건</translation>
    </message>
    <message>
        <source>Speakers and entities</source>
        <translation>발언자와 개체</translation>
    </message>
    <message>
        <source>&amp;Incidents and figures</source>
        <translation>사건과 수치(&amp;I)</translation>
    </message>
    <message>
        <source>Incidents by date, their evidence and their figures compared</source>
        <translation>날짜순 사건, 그 증거, 수치 비교</translation>
    </message>
    <message>
        <source>Spea&amp;kers and entities</source>
        <translation>발언자와 개체(&amp;K)</translation>
    </message>
    <message>
        <source>People, organisations and states, and every statement by each</source>
        <translation>사람, 단체, 국가와 각각의 모든 진술</translation>
    </message>
    <message>
        <source>Document &amp;source…</source>
        <translation>문서 출처(&amp;S)…</translation>
    </message>
    <message>
        <source>Outlet, author, dates, URL, source type and reliability of this document</source>
        <translation>이 문서의 매체, 필자, 날짜, URL, 출처 유형, 신뢰도</translation>
    </message>
    <message>
        <source>Credibility &amp;grade…</source>
        <translation>신빙성 등급(&amp;G)…</translation>
    </message>
    <message>
        <source>How credible the selected annotation is, 1 to 6</source>
        <translation>선택한 주석의 신빙성, 1부터 6까지</translation>
    </message>
</context>
<context>
    <name>EvidenceFilters</name>
    <message>
        <source>A year, a month or a day: 2023, 2023-08 or 2023-08-14. The evidence date is a figure&apos;s own date, else its source&apos;s publication date; evidence without a date is left out.</source>
        <translation>연도, 월 또는 일: 2023, 2023-08, 2023-08-14. 증거 날짜는 수치의 자체 날짜이며, 없으면 출처의 발행일입니다. 날짜가 없는 증거는 제외됩니다.</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>시작 날짜</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>종료 날짜</translation>
    </message>
    <message>
        <source>%1 “%2” is not a date such as 2023, 2023-08 or 2023-08-14</source>
        <translation>%1 “%2”은(는) 2023, 2023-08, 2023-08-14 같은 날짜 형식이 아닙니다</translation>
    </message>
    <message>
        <source>The to date %1 is before the from date %2</source>
        <translation>종료 날짜 %1이(가) 시작 날짜 %2보다 앞섭니다</translation>
    </message>
</context>
<context>
    <name>EvidenceModel</name>
    <message>
        <source>Document</source>
        <translation>문서</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>쪽</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>필드</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>작성자</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>수정 시각</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>충돌</translation>
    </message>
    <message>
        <source>orphaned</source>
        <translation>위치 잃음</translation>
    </message>
</context>
<context>
    <name>EvidenceTable</name>
    <message>
        <source>Copy rows</source>
        <translation>행 복사</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>모든 종류</translation>
    </message>
    <message>
        <source>Custom labels</source>
        <translation>직접 만든 레이블</translation>
    </message>
    <message>
        <source>Filter by text…</source>
        <translation>텍스트로 거르기…</translation>
    </message>
    <message>
        <source>From date (2023)</source>
        <translation>시작 날짜 (2023)</translation>
    </message>
    <message>
        <source>To date (2023-08)</source>
        <translation>종료 날짜 (2023-08)</translation>
    </message>
    <message>
        <source>Export view to CSV…</source>
        <translation>보이는 표를 CSV로 내보내기…</translation>
    </message>
    <message>
        <source>All authors</source>
        <translation>모든 작성자</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>모든 문서</translation>
    </message>
    <message>
        <source>News</source>
        <translation>뉴스</translation>
    </message>
    <message>
        <source>NGO report</source>
        <translation>NGO 보고서</translation>
    </message>
    <message>
        <source>UN document</source>
        <translation>유엔 문서</translation>
    </message>
    <message>
        <source>Testimony</source>
        <translation>증언</translation>
    </message>
    <message>
        <source>Official statement</source>
        <translation>공식 성명</translation>
    </message>
    <message>
        <source>Other source</source>
        <translation>기타 출처</translation>
    </message>
    <message>
        <source>All source types</source>
        <translation>모든 출처 유형</translation>
    </message>
    <message>
        <source>Any credibility</source>
        <translation>모든 신빙성</translation>
    </message>
    <message>
        <source>Graded 1 to %1</source>
        <translation>등급 1–%1</translation>
    </message>
    <message>
        <source>Graded 1</source>
        <translation>등급 1</translation>
    </message>
    <message>
        <source>All incidents</source>
        <translation>모든 사건</translation>
    </message>
    <message>
        <source>All entities</source>
        <translation>모든 개체</translation>
    </message>
    <message>
        <source>Sorting by this column needs a document chosen in a project of more than %1 annotations</source>
        <translation>주석이 %1개를 넘는 프로젝트에서는 문서를 먼저 골라야 이 열로 정렬할 수 있습니다</translation>
    </message>
    <message>
        <source>Export view to CSV</source>
        <translation>보이는 표를 CSV로 내보내기</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>Annotation ID</source>
        <translation>주석 ID</translation>
    </message>
    <message>
        <source>Document ID</source>
        <translation>문서 ID</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1에 쓰지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Wrote %1 rows to %2</source>
        <translation>%2에 %1개 행을 썼습니다</translation>
    </message>
</context>
<context>
    <name>EvidenceTree</name>
    <message>
        <source>Quote</source>
        <translation>인용</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>출처</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>등급</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>W3C Web Annotation (JSON-LD)</source>
        <translation>W3C 웹 주석 (JSON-LD)</translation>
    </message>
    <message>
        <source>REFI-QDA project (.qdpx)</source>
        <translation>REFI-QDA 프로젝트 (.qdpx)</translation>
    </message>
    <message>
        <source>Evidence table (CSV)</source>
        <translation>증거 표 (CSV)</translation>
    </message>
    <message>
        <source>Evidence table (Excel .xlsx)</source>
        <translation>증거 표 (Excel .xlsx)</translation>
    </message>
    <message>
        <source>brat standoff (folder)</source>
        <translation>brat standoff (폴더)</translation>
    </message>
    <message>
        <source>Printable report (HTML)</source>
        <translation>인쇄용 보고서 (HTML)</translation>
    </message>
    <message>
        <source>Evidence package for reviewers (.zip)</source>
        <translation>검토자용 증거 패키지 (.zip)</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… 외 %1개</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Current document</source>
        <translation>현재 문서</translation>
    </message>
    <message>
        <source>Whole project</source>
        <translation>프로젝트 전체</translation>
    </message>
    <message>
        <source>Current document: %1</source>
        <translation>현재 문서: %1</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>모든 종류</translation>
    </message>
    <message>
        <source>Custom labels</source>
        <translation>직접 만든 레이블</translation>
    </message>
    <message>
        <source>Only the curated reading</source>
        <translation>정리본만</translation>
    </message>
    <message>
        <source>The curator&apos;s settled annotations (View › Agreement), not the coders&apos; own</source>
        <translation>코더들의 주석이 아니라 정리자가 정리한 주석 (보기 › 일치도)</translation>
    </message>
    <message>
        <source>From date (2023)</source>
        <translation>시작 날짜 (2023)</translation>
    </message>
    <message>
        <source>To date (2023-08)</source>
        <translation>종료 날짜 (2023-08)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>고르기…</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>What</source>
        <translation>범위</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Linked to</source>
        <translation>연결 대상</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>출처</translation>
    </message>
    <message>
        <source>Dated</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>저장 위치</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>폴더로 내보내기</translation>
    </message>
    <message>
        <source>Writing %1</source>
        <translation>%1 쓰는 중</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>내보내는 중</translation>
    </message>
    <message>
        <source>Exported %1 from %2 to %3.</source>
        <translation>%2의 %1을(를) %3(으)로 내보냈습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln annotation(s)</source>
        <translation>
            <numerusform>주석 %Ln개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>문서 %Ln개</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking annotations: %1 of %2</source>
        <translation>주석 확인 중: %2개 중 %1개</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln annotation(s)</source>
        <translation>
            <numerusform>주석 %Ln개를 가져왔습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 added (%3 matched), %4 added, %5 added, %6 left out.</source>
        <translation>%1: %2 추가(%3개 일치), %4 추가, %5 추가, %6 제외.</translation>
    </message>
    <message>
        <source>Left out:</source>
        <translation>제외된 항목:</translation>
    </message>
    <message>
        <source>Cancelled; nothing was changed</source>
        <translation>취소했습니다. 바뀐 것은 없습니다</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Open or create a project first</source>
        <translation>먼저 프로젝트를 열거나 만드세요</translation>
    </message>
    <message>
        <source>Import QDA project</source>
        <translation>QDA 프로젝트 가져오기</translation>
    </message>
    <message>
        <source>Import W3C annotations</source>
        <translation>W3C 주석 가져오기</translation>
    </message>
    <message>
        <source>REFI-QDA projects (*.qdpx)</source>
        <translation>REFI-QDA 프로젝트 (*.qdpx)</translation>
    </message>
    <message>
        <source>W3C annotations (*.json *.jsonld)</source>
        <translation>W3C 주석 (*.json *.jsonld)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>%1 읽는 중</translation>
    </message>
    <message numerus="yes">
        <source>%Ln label(s)</source>
        <translation>
            <numerusform>레이블 %Ln개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln duplicate(s)</source>
        <translation>
            <numerusform>중복 %Ln개</numerusform>
        </translation>
    </message>
    <message>
        <source>Already in the project with other fields or notes (the same document, label, span and author), so not added again; the project&apos;s versions were kept: %1.</source>
        <translation>필드나 메모만 다르고 프로젝트에 이미 있는 주석(같은 문서, 레이블, 범위, 작성자)이라 다시 추가하지 않고 프로젝트의 내용을 유지했습니다: %1개.</translation>
    </message>
    <message>
        <source>Skipped:</source>
        <translation>건너뛴 항목:</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <source>Speaker</source>
        <translation>발언자</translation>
    </message>
    <message>
        <source>Speaker&apos;s role</source>
        <translation>발언자의 역할</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>인용 방식</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>최솟값</translation>
    </message>
    <message>
        <source>High</source>
        <translation>최댓값</translation>
    </message>
    <message>
        <source>Approximate</source>
        <translation>어림값</translation>
    </message>
    <message>
        <source>Vague</source>
        <translation>불분명</translation>
    </message>
    <message>
        <source>What is counted</source>
        <translation>세는 대상</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>장소</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>근거 규범</translation>
    </message>
    <message>
        <source>Duty bearer</source>
        <translation>의무 주체</translation>
    </message>
    <message>
        <source>Beneficiary</source>
        <translation>수혜자</translation>
    </message>
</context>
<context>
    <name>FieldInput</name>
    <message>
        <source>e.g. 600 or 1,500</source>
        <translation>예: 600 또는 1,500</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, or as the text says</source>
        <translation>YYYY-MM-DD 또는 본문 표기대로</translation>
    </message>
</context>
<context>
    <name>FigureChart</name>
    <message>
        <source>Figures compared</source>
        <translation>수치 비교</translation>
    </message>
    <message>
        <source>No figure with a date and a number to compare.</source>
        <translation>비교할, 날짜와 수가 있는 수치가 없습니다.</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in document</source>
        <translation>문서에서 찾기</translation>
    </message>
    <message>
        <source>Previous (Shift+F3)</source>
        <translation>이전 (Shift+F3)</translation>
    </message>
    <message>
        <source>Next (F3)</source>
        <translation>다음 (F3)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>닫기 (Esc)</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>일치 항목 없음</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1/%2</translation>
    </message>
</context>
<context>
    <name>GradeDialog</name>
    <message>
        <source>no grade</source>
        <translation>등급 없음</translation>
    </message>
    <message>
        <source>1: confirmed by other sources</source>
        <translation>1: 다른 출처로 확인됨</translation>
    </message>
    <message>
        <source>2: probably true</source>
        <translation>2: 사실일 가능성이 높음</translation>
    </message>
    <message>
        <source>3: possibly true</source>
        <translation>3: 사실일 수도 있음</translation>
    </message>
    <message>
        <source>4: doubtful</source>
        <translation>4: 의심스러움</translation>
    </message>
    <message>
        <source>5: improbable</source>
        <translation>5: 사실일 가능성이 낮음</translation>
    </message>
    <message>
        <source>6: truth cannot be judged</source>
        <translation>6: 진위를 판단할 수 없음</translation>
    </message>
    <message>
        <source>Select an annotation first.</source>
        <translation>먼저 주석을 선택하세요.</translation>
    </message>
    <message>
        <source>Credibility grade</source>
        <translation>신빙성 등급</translation>
    </message>
    <message>
        <source>How credible is what this annotation says?</source>
        <translation>이 주석의 내용은 얼마나 믿을 만합니까?</translation>
    </message>
    <message>
        <source>Cannot save the grade</source>
        <translation>등급을 저장할 수 없습니다</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <source>Testimonia user guide</source>
        <translation>Testimonia 사용 설명서</translation>
    </message>
    <message>
        <source>The user guide is missing from this installation.</source>
        <translation>이 설치본에는 사용 설명서가 없습니다.</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message numerus="yes">
        <source>Imported %Ln document(s)</source>
        <translation>
            <numerusform>문서 %Ln개를 가져왔습니다</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Importing</name>
    <message>
        <source>Documents (%1);;All files (*)</source>
        <translation>문서 (%1);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Reading %1 (%2 of %3)</source>
        <translation>%1 읽는 중 (%3개 중 %2번째)</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>저장하는 중</translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s) imported.</source>
        <translation>
            <numerusform>문서 %Ln개를 가져왔습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>These %Ln file(s) could not be imported:</source>
        <translation>
            <numerusform>다음 파일 %Ln개를 가져오지 못했습니다:</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” (%2) is nearly the same text as “%3” (%4), already in the project: %5% the same.</source>
        <translation>“%1”(%2)은(는) 이미 프로젝트에 있는 “%3”(%4)과(와) 거의 같은 텍스트입니다: %5% 같음.</translation>
    </message>
    <message>
        <source>Both were kept; remove one if you do not need it (Delete in the document list).</source>
        <translation>둘 다 남겨 두었습니다. 필요 없으면 하나를 제거하세요 (문서 목록에서 Delete).</translation>
    </message>
</context>
<context>
    <name>IncidentDialog</name>
    <message>
        <source>New incident</source>
        <translation>새 사건</translation>
    </message>
    <message>
        <source>2024-04-26, 2023-10, 2020/2023; ~ for approximate</source>
        <translation>2024-04-26, 2023-10, 2020/2023; 어림은 ~</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>제목(&amp;T):</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>유형(&amp;Y):</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>날짜(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>장소(&amp;P):</translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation>설명(&amp;E):</translation>
    </message>
</context>
<context>
    <name>IncidentView</name>
    <message>
        <source>Incidents by date</source>
        <translation>날짜순 사건</translation>
    </message>
    <message>
        <source>&amp;New incident…</source>
        <translation>새 사건(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Link the selected annotation</source>
        <translation>선택한 주석 연결(&amp;L)</translation>
    </message>
    <message>
        <source>Link the annotation selected in the reader to this incident as evidence</source>
        <translation>리더에서 선택한 주석을 이 사건의 증거로 연결합니다</translation>
    </message>
    <message>
        <source>Ed&amp;it incident…</source>
        <translation>사건 편집(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Remove incident</source>
        <translation>사건 제거(&amp;R)</translation>
    </message>
    <message>
        <source>Participants and their roles</source>
        <translation>참여자와 역할</translation>
    </message>
    <message>
        <source>Add &amp;participant…</source>
        <translation>참여자 추가(&amp;P)…</translation>
    </message>
    <message>
        <source>An entity from the register, in a role: victim group, perpetrator, source or intervening party</source>
        <translation>등록부의 개체를 역할과 함께 추가: 피해 집단, 가해자, 출처 또는 개입 당사자</translation>
    </message>
    <message>
        <source>Remove par&amp;ticipant</source>
        <translation>참여자 제거(&amp;T)</translation>
    </message>
    <message>
        <source>Remove the selected participant (Delete)</source>
        <translation>선택한 참여자 제거 (Delete)</translation>
    </message>
    <message>
        <source>Figures to compare</source>
        <translation>비교할 수치</translation>
    </message>
    <message>
        <source>No incident yet: add one, then link annotations to it as evidence.</source>
        <translation>아직 사건이 없습니다. 사건을 추가한 뒤 주석을 증거로 연결하세요.</translation>
    </message>
    <message>
        <source>victim group</source>
        <translation>피해 집단</translation>
    </message>
    <message>
        <source>perpetrator</source>
        <translation>가해자</translation>
    </message>
    <message>
        <source>source</source>
        <translation>출처</translation>
    </message>
    <message>
        <source>intervening party</source>
        <translation>개입 당사자</translation>
    </message>
    <message>
        <source>No participants yet.</source>
        <translation>아직 참여자가 없습니다.</translation>
    </message>
    <message>
        <source>This incident&apos;s figures</source>
        <translation>이 사건의 수치</translation>
    </message>
    <message>
        <source>All figures of %1 (%2)</source>
        <translation>%1의 모든 수치 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n figure(s) without a date or a number not drawn.</source>
        <translation>
            <numerusform>날짜나 수가 없는 수치 %n개는 그리지 않았습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot add the incident</source>
        <translation>사건을 추가할 수 없습니다</translation>
    </message>
    <message>
        <source>Edit incident</source>
        <translation>사건 편집</translation>
    </message>
    <message>
        <source>Cannot change the incident</source>
        <translation>사건을 바꿀 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot remove the incident</source>
        <translation>사건을 제거할 수 없습니다</translation>
    </message>
    <message>
        <source>Incident removed; `testimonia incident-edit --restore` brings it back.</source>
        <translation>사건을 제거했습니다. `testimonia incident-edit --restore`로 되살릴 수 있습니다.</translation>
    </message>
    <message>
        <source>The register is empty: add an entity in View › Speakers and entities first.</source>
        <translation>등록부가 비어 있습니다. 먼저 보기 › 발언자와 개체에서 개체를 추가하세요.</translation>
    </message>
    <message>
        <source>Cannot add the participant</source>
        <translation>참여자를 추가할 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot remove the participant</source>
        <translation>참여자를 제거할 수 없습니다</translation>
    </message>
    <message>
        <source>Participant removed; Add participant brings it back.</source>
        <translation>참여자를 제거했습니다. 참여자 추가로 되돌릴 수 있습니다.</translation>
    </message>
    <message>
        <source>Select an annotation in the reader first.</source>
        <translation>먼저 리더에서 주석을 선택하세요.</translation>
    </message>
    <message>
        <source>Cannot link the annotation</source>
        <translation>주석을 연결할 수 없습니다</translation>
    </message>
</context>
<context>
    <name>Label</name>
    <message>
        <source>Statement</source>
        <translation>진술</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>수치</translation>
    </message>
    <message>
        <source>Obligation</source>
        <translation>의무</translation>
    </message>
</context>
<context>
    <name>LabelDialog</name>
    <message>
        <source>Labels</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>(built-in)</source>
        <translation>(기본 제공)</translation>
    </message>
    <message>
        <source>one key, optional (e.g. 4 or V)</source>
        <translation>키 하나, 선택 사항 (예: 4 또는 V)</translation>
    </message>
    <message>
        <source>Add label</source>
        <translation>레이블 추가</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>변경 내용 저장</translation>
    </message>
    <message>
        <source>Remove label</source>
        <translation>레이블 제거</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>색상</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Labels in this project</source>
        <translation>이 프로젝트의 레이블</translation>
    </message>
    <message>
        <source>New label</source>
        <translation>새 레이블</translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation>“%1” 편집</translation>
    </message>
    <message>
        <source>Built-in labels keep their name and key and cannot be removed; you can change their colour.</source>
        <translation>기본 제공 레이블은 이름과 단축키를 바꾸거나 제거할 수 없습니다. 색상은 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <source>Stop offering this label for new marks; annotations that have it keep it. Undo brings it back.</source>
        <translation>새로 표시할 때 이 레이블을 더 이상 제공하지 않습니다. 이 레이블이 붙은 주석은 그대로 유지되며, 실행 취소하면 되돌아옵니다.</translation>
    </message>
    <message>
        <source>Label colour</source>
        <translation>레이블 색상</translation>
    </message>
    <message>
        <source>The label needs a name.</source>
        <translation>레이블 이름을 입력하세요.</translation>
    </message>
    <message>
        <source>There is already a label named “%1”.</source>
        <translation>“%1” 레이블이 이미 있습니다.</translation>
    </message>
    <message>
        <source>The key %1 is already used; choose another or leave it empty.</source>
        <translation>%1 키는 이미 쓰이고 있습니다. 다른 키를 고르거나 비워 두세요.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Documents</source>
        <translation>문서</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>검색</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>주석</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>%1 실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>%1 다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>실행 취소</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>다시 실행</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>프로젝트를 열 수 없습니다</translation>
    </message>
    <message>
        <source>Upgrading the project file</source>
        <translation>프로젝트 파일을 새 형식으로 바꾸는 중</translation>
    </message>
    <message>
        <source>Upgraded the project file; the old version is kept as %1</source>
        <translation>프로젝트 파일을 새 형식으로 바꿨습니다. 이전 파일은 %1(으)로 보관됩니다</translation>
    </message>
    <message>
        <source>No project</source>
        <translation>프로젝트 없음</translation>
    </message>
    <message>
        <source>Author: %1</source>
        <translation>작성자: %1</translation>
    </message>
    <message>
        <source>Cannot open the document</source>
        <translation>문서를 열 수 없습니다</translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>문서 %Ln개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln annotation(s)</source>
        <translation>
            <numerusform>주석 %Ln개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln conflict(s)</source>
        <translation>
            <numerusform>충돌 %Ln개</numerusform>
        </translation>
    </message>
    <message>
        <source>Changes that were waiting beside the project file (from a session that did not close) are now written into it</source>
        <translation>프로젝트 파일 옆에 남아 있던 변경 사항(정상적으로 닫히지 않은 세션의 작업)을 프로젝트 파일에 기록했습니다</translation>
    </message>
    <message>
        <source>Rename document</source>
        <translation>문서 이름 바꾸기</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>제목:</translation>
    </message>
    <message>
        <source>A document needs a title; it was not renamed</source>
        <translation>문서에는 제목이 필요합니다. 이름을 바꾸지 않았습니다</translation>
    </message>
    <message>
        <source>Renamed the document to “%1”</source>
        <translation>문서 이름을 “%1”(으)로 바꿨습니다</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>%1/%2쪽</translation>
    </message>
    <message>
        <source>Select some text in the document first</source>
        <translation>먼저 문서에서 텍스트를 선택하세요</translation>
    </message>
    <message>
        <source>Select an annotation, then select the text it should cover</source>
        <translation>주석을 고른 다음, 그 주석이 가리킬 텍스트를 선택하세요</translation>
    </message>
    <message>
        <source>Adjust span</source>
        <translation>범위 조정</translation>
    </message>
    <message>
        <source>Open or create a project first</source>
        <translation>먼저 프로젝트를 열거나 만드세요</translation>
    </message>
    <message>
        <source>Import documents</source>
        <translation>문서 가져오기</translation>
    </message>
    <message>
        <source>Importing documents</source>
        <translation>문서를 가져오는 중</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <source>Paste as new document</source>
        <translation>새 문서로 붙여넣기</translation>
    </message>
    <message>
        <source>Cancelled; nothing was changed</source>
        <translation>취소했습니다. 바뀐 것은 없습니다</translation>
    </message>
    <message>
        <source>Something went wrong (%1: %2)</source>
        <translation>문제가 생겼습니다 (%1: %2)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>설정(&amp;S)…</translation>
    </message>
    <message>
        <source>User &amp;guide</source>
        <translation>사용 설명서(&amp;G)</translation>
    </message>
</context>
<context>
    <name>MemoBox</name>
    <message>
        <source>Memo (plain text, shared with the team)</source>
        <translation>메모 (일반 텍스트, 팀과 공유)</translation>
    </message>
    <message>
        <source>Also written by a teammate at the same time:</source>
        <translation>같은 때 팀원이 쓴 내용:</translation>
    </message>
    <message>
        <source>Cannot save the memo</source>
        <translation>메모를 저장할 수 없습니다</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>New documents</source>
        <translation>새 문서</translation>
    </message>
    <message>
        <source>Documents matched</source>
        <translation>일치한 문서</translation>
    </message>
    <message>
        <source>Documents re-anchored</source>
        <translation>위치를 다시 맞춘 문서</translation>
    </message>
    <message>
        <source>New annotations</source>
        <translation>새 주석</translation>
    </message>
    <message>
        <source>Annotations changed</source>
        <translation>바뀐 주석</translation>
    </message>
    <message>
        <source>Annotations deleted</source>
        <translation>삭제된 주석</translation>
    </message>
    <message>
        <source>Conflicts created</source>
        <translation>새로 생긴 충돌</translation>
    </message>
    <message>
        <source>Conflicts resolved</source>
        <translation>해결된 충돌</translation>
    </message>
    <message>
        <source>Orphaned annotations</source>
        <translation>위치 잃은 주석</translation>
    </message>
    <message>
        <source>New labels</source>
        <translation>새 레이블</translation>
    </message>
    <message>
        <source>New authors</source>
        <translation>새 작성자</translation>
    </message>
    <message>
        <source>Revisions new / already here</source>
        <translation>새 리비전 / 이미 있는 리비전</translation>
    </message>
    <message>
        <source>In conflict</source>
        <translation>충돌</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>바뀜</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>삭제됨</translation>
    </message>
    <message>
        <source>Conflict resolved</source>
        <translation>충돌 해결됨</translation>
    </message>
    <message>
        <source>New</source>
        <translation>새 주석</translation>
    </message>
    <message>
        <source>%1 was merged before; it has nothing new.</source>
        <translation>%1 파일은 이미 병합했습니다. 새로운 내용이 없습니다.</translation>
    </message>
    <message>
        <source>Merged %1: %2 new annotations, %3 changed, %4 deleted, %5 new conflicts, %6 new documents, %7 orphaned.</source>
        <translation>%1 병합 완료: 새 주석 %2개, 수정 %3개, 삭제 %4개, 새 충돌 %5개, 새 문서 %6개, 위치 잃음 %7개.</translation>
    </message>
    <message>
        <source>Merge a teammate&apos;s file</source>
        <translation>팀원의 파일 병합</translation>
    </message>
    <message>
        <source>Merging %1 into this project would do the following. Nothing has been written yet.</source>
        <translation>%1 파일을 이 프로젝트에 병합하면 다음과 같이 바뀝니다. 아직 아무것도 쓰지 않았습니다.</translation>
    </message>
    <message>
        <source>Their project: %1</source>
        <translation>상대 프로젝트: %1</translation>
    </message>
    <message>
        <source>Annotations that would change:</source>
        <translation>바뀔 주석:</translation>
    </message>
    <message>
        <source>… and %1 more not listed here (%2 in all).</source>
        <translation>… 그 밖에 %1개는 여기 나오지 않습니다 (모두 %2개).</translation>
    </message>
    <message>
        <source>This file brings nothing new; there is nothing to apply.</source>
        <translation>이 파일에는 새로운 내용이 없어 적용할 것이 없습니다.</translation>
    </message>
    <message>
        <source>Apply merge</source>
        <translation>병합 적용</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>변경</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>문서</translation>
    </message>
    <message>
        <source>new</source>
        <translation>새 문서</translation>
    </message>
    <message>
        <source>same document</source>
        <translation>같은 문서</translation>
    </message>
    <message>
        <source>same text</source>
        <translation>같은 텍스트</translation>
    </message>
    <message>
        <source>same source file, other text</source>
        <translation>같은 원본 파일, 다른 텍스트</translation>
    </message>
    <message>
        <source> (annotations re-anchored)</source>
        <translation> (주석 위치를 다시 맞춤)</translation>
    </message>
    <message>
        <source>• Orphaned (kept, flagged): “%1”</source>
        <translation>• 위치 잃음 (보관하고 표시함): “%1”</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>병합</translation>
    </message>
    <message>
        <source>Merge cancelled; nothing was changed</source>
        <translation>병합을 취소했습니다. 바뀐 것은 없습니다</translation>
    </message>
    <message>
        <source>%1 cannot be merged; this project is unchanged.

%2</source>
        <translation>%1 파일은 병합할 수 없습니다. 이 프로젝트는 바뀌지 않았습니다.

%2</translation>
    </message>
    <message>
        <source>Merging %1</source>
        <translation>%1 병합하는 중</translation>
    </message>
    <message>
        <source>Merging</source>
        <translation>병합하는 중</translation>
    </message>
    <message>
        <source>Open or create a project first</source>
        <translation>먼저 프로젝트를 열거나 만드세요</translation>
    </message>
    <message>
        <source>Testimonia projects (*.testimonia)</source>
        <translation>Testimonia 프로젝트 (*.testimonia)</translation>
    </message>
    <message>
        <source>Checking %1</source>
        <translation>%1 확인하는 중</translation>
    </message>
    <message>
        <source>Checking the file</source>
        <translation>파일을 확인하는 중</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>This document has no annotations yet</source>
        <translation>이 문서에는 아직 주석이 없습니다</translation>
    </message>
    <message>
        <source>That was the last annotation</source>
        <translation>마지막 주석입니다</translation>
    </message>
    <message>
        <source>That was the first annotation</source>
        <translation>첫 번째 주석입니다</translation>
    </message>
    <message>
        <source>That was the last document</source>
        <translation>마지막 문서입니다</translation>
    </message>
    <message>
        <source>That was the first document</source>
        <translation>첫 번째 문서입니다</translation>
    </message>
</context>
<context>
    <name>ParticipantDialog</name>
    <message>
        <source>Add participant</source>
        <translation>참여자 추가</translation>
    </message>
    <message>
        <source>a name or alias from the register</source>
        <translation>등록부에 있는 이름 또는 별칭</translation>
    </message>
    <message>
        <source>&amp;Entity:</source>
        <translation>개체(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>역할(&amp;R):</translation>
    </message>
</context>
<context>
    <name>ProjectFlow</name>
    <message>
        <source>Testimonia projects (%1);;All files (*)</source>
        <translation>Testimonia 프로젝트 (%1);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Your name is recorded with every annotation you make, so your team can see who wrote what:</source>
        <translation>주석마다 이름이 함께 기록되어, 팀원들이 누가 무엇을 썼는지 알 수 있습니다. 이름을 입력하세요:</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>새 프로젝트</translation>
    </message>
    <message>
        <source>%1 already exists; choose another name.</source>
        <translation>%1 파일이 이미 있습니다. 다른 이름을 고르세요.</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>프로젝트 열기</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>최근 프로젝트 없음</translation>
    </message>
    <message>
        <source>Sample project</source>
        <translation>예제 프로젝트</translation>
    </message>
    <message>
        <source>The sample project could not be built: %1</source>
        <translation>예제 프로젝트를 만들지 못했습니다: %1</translation>
    </message>
</context>
<context>
    <name>Reader</name>
    <message>
        <source>page %1</source>
        <translation>%1쪽</translation>
    </message>
</context>
<context>
    <name>ReaderHint</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No project is open. Create one with %1 or open one with %2.</source>
        <translation>열린 프로젝트가 없습니다. %1(으)로 새로 만들거나 %2(으)로 여세요.</translation>
    </message>
    <message>
        <source>This project has no documents yet.

Import articles and reports (.txt, .html, .pdf, .docx) with %1, or drop the files on this window.

Text on the clipboard becomes a document with %2.</source>
        <translation>이 프로젝트에는 아직 문서가 없습니다.

%1(으)로 기사와 보고서(.txt, .html, .pdf, .docx)를 가져오거나 파일을 이 창에 끌어다 놓으세요.

클립보드의 텍스트는 %2(으)로 문서가 됩니다.</translation>
    </message>
    <message>
        <source>Choose a document in the Documents list to read and annotate it.</source>
        <translation>문서 목록에서 문서를 골라 읽고 주석을 다세요.</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Edit and resolve</source>
        <translation>편집해서 해결</translation>
    </message>
    <message>
        <source>The annotation will take exactly these values; every version in the conflict is settled by it.</source>
        <translation>주석이 정확히 이 값으로 바뀌며, 충돌한 모든 버전이 이것으로 정리됩니다.</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>해결</translation>
    </message>
</context>
<context>
    <name>SearchModel</name>
    <message numerus="yes">
        <source>… %Ln more hit(s) in this document (F3 in the reader goes on)</source>
        <translation>
            <numerusform>… 이 문서에 찾은 곳 %Ln개 더 있음 (읽기 창에서 F3으로 계속)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hit(s)</source>
        <translation>
            <numerusform>찾은 곳 %Ln개</numerusform>
        </translation>
    </message>
    <message>
        <source>title only</source>
        <translation>제목에만 있음</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search all documents</source>
        <translation>모든 문서 검색</translation>
    </message>
    <message>
        <source>Show more documents</source>
        <translation>문서 더 보기</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>일치 항목 없음</translation>
    </message>
    <message>
        <source>More than %1 documents · %2 listed</source>
        <translation>문서 %1개 넘음 · %2개 표시</translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>문서 %Ln개</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 listed</source>
        <translation>%1개 표시</translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s) listed</source>
        <translation>
            <numerusform>문서 %Ln개 표시</numerusform>
        </translation>
    </message>
    <message>
        <source>more follow</source>
        <translation>더 있음</translation>
    </message>
    <message>
        <source>Terms of one or two characters are looked for in every text, without the index: this takes longer on a large project.</source>
        <translation>한두 글자 검색어는 색인 없이 모든 텍스트에서 찾습니다. 큰 프로젝트에서는 시간이 더 걸립니다.</translation>
    </message>
</context>
<context>
    <name>SendChanges</name>
    <message>
        <source>Send changes to a teammate</source>
        <translation>팀원에게 변경 사항 보내기</translation>
    </message>
    <message>
        <source>The teammate the file is for; this project remembers what it sent to whom</source>
        <translation>파일을 받을 팀원입니다. 이 프로젝트는 누구에게 무엇을 보냈는지 기억합니다</translation>
    </message>
    <message>
        <source>Since the &amp;last file sent to them</source>
        <translation>그 팀원에게 보낸 마지막 파일 이후(&amp;L)</translation>
    </message>
    <message>
        <source>Since a &amp;date:</source>
        <translation>이 날짜 이후(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Teammate:</source>
        <translation>팀원(&amp;T):</translation>
    </message>
    <message>
        <source>The file holds only the work they do not have yet, and merges like a full copy. If they lack what it builds on, their merge says so: then send a full copy.</source>
        <translation>이 파일에는 팀원에게 아직 없는 작업만 담기며, 전체 사본과 똑같이 병합됩니다. 바탕이 되는 내용이 팀원에게 없으면 병합할 때 알려 줍니다. 그때는 전체 사본을 보내세요.</translation>
    </message>
    <message>
        <source>&amp;Send…</source>
        <translation>보내기(&amp;S)…</translation>
    </message>
    <message>
        <source>Last file to them: %1, %2</source>
        <translation>그 팀원에게 보낸 마지막 파일: %1, %2</translation>
    </message>
    <message>
        <source>No file was sent to them from this project yet: choose a date, or send a full copy first.</source>
        <translation>이 프로젝트에서 그 팀원에게 보낸 파일이 아직 없습니다. 날짜를 고르거나 먼저 전체 사본을 보내세요.</translation>
    </message>
    <message>
        <source>Type the teammate&apos;s name.</source>
        <translation>팀원 이름을 입력하세요.</translation>
    </message>
    <message>
        <source>changes for %1</source>
        <translation>%1에게 보낼 변경 사항</translation>
    </message>
    <message>
        <source>Saved the changes for %1 as
%2
(%3 KB: %4 annotation versions, %5 new documents).

Attach it to an e-mail or copy it to a stick; they merge it like a full copy.</source>
        <translation>%1에게 보낼 변경 사항을 다음 파일로 저장했습니다.
%2
(%3 KB: 주석 버전 %4개, 새 문서 %5개)

이메일에 첨부하거나 USB 메모리에 복사하세요. 받는 사람은 전체 사본처럼 병합합니다.</translation>
    </message>
    <message>
        <source>Writing the changes for a teammate</source>
        <translation>팀원에게 보낼 변경 사항을 쓰는 중</translation>
    </message>
</context>
<context>
    <name>SendCopy</name>
    <message>
        <source>Open or create a project first</source>
        <translation>먼저 프로젝트를 열거나 만드세요</translation>
    </message>
    <message>
        <source>Send a copy to a teammate</source>
        <translation>팀원에게 사본 보내기</translation>
    </message>
    <message>
        <source>Testimonia project (*%1)</source>
        <translation>Testimonia 프로젝트 (*%1)</translation>
    </message>
    <message>
        <source>Saved a copy of the project as
%1
(%2 KB).

Attach it to an e-mail or copy it to a stick: it holds all your work, and it was safe to make while you work.</source>
        <translation>프로젝트 사본을 다음 위치에 저장했습니다.
%1
(%2 KB)

이메일에 첨부하거나 USB 메모리에 복사하세요. 사본에는 모든 작업이 들어 있으며, 작업하는 동안 만들어도 안전합니다.</translation>
    </message>
    <message>
        <source>Writing a copy for a teammate</source>
        <translation>팀원에게 보낼 사본을 쓰는 중</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <source>Team server</source>
        <translation>팀 서버</translation>
    </message>
    <message>
        <source>the only project you belong to</source>
        <translation>내가 속한 유일한 프로젝트</translation>
    </message>
    <message>
        <source>from ~/.pgpass if empty</source>
        <translation>비워 두면 ~/.pgpass에서 읽습니다</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>서버 주소(&amp;A):</translation>
    </message>
    <message>
        <source>Server &amp;project:</source>
        <translation>서버 프로젝트(&amp;P):</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>비밀번호(&amp;W):</translation>
    </message>
    <message>
        <source>Your work is sent to the server and your teammates&apos; work is merged into this project as a file merge would. The password is kept only while Testimonia runs, never in the project file.</source>
        <translation>내 작업은 서버로 보내고, 팀원의 작업은 파일 병합과 똑같이 이 프로젝트에 병합합니다. 비밀번호는 Testimonia가 실행되는 동안에만 기억하며 프로젝트 파일에는 절대 저장하지 않습니다.</translation>
    </message>
    <message>
        <source>&amp;Connect and sync</source>
        <translation>연결하고 동기화(&amp;C)</translation>
    </message>
</context>
<context>
    <name>ServerSync</name>
    <message>
        <source>&amp;Team server…</source>
        <translation>팀 서버(&amp;T)…</translation>
    </message>
    <message>
        <source>Sync this project with your team&apos;s server</source>
        <translation>이 프로젝트를 팀 서버와 동기화합니다</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>지금 동기화(&amp;Y)</translation>
    </message>
    <message>
        <source>Send your work to the team server and bring in your teammates&apos;</source>
        <translation>내 작업을 팀 서버로 보내고 팀원의 작업을 가져옵니다</translation>
    </message>
    <message>
        <source>Open or create a project first</source>
        <translation>먼저 프로젝트를 열거나 만드세요</translation>
    </message>
    <message>
        <source>Team server: new conflicts to look at: %1</source>
        <translation>팀 서버: 살펴볼 새 충돌: %1</translation>
    </message>
    <message>
        <source>Team server: synced</source>
        <translation>팀 서버: 동기화됨</translation>
    </message>
    <message>
        <source>Team server: syncing…</source>
        <translation>팀 서버: 동기화 중…</translation>
    </message>
    <message>
        <source>Team server: offline (your work is kept and sent later)</source>
        <translation>팀 서버: 오프라인 (작업은 보관되었다가 나중에 전송됩니다)</translation>
    </message>
    <message>
        <source>Team server: sync failed</source>
        <translation>팀 서버: 동기화 실패</translation>
    </message>
    <message>
        <source>Team server: connected</source>
        <translation>팀 서버: 연결됨</translation>
    </message>
    <message>
        <source>Team server: %1 waiting to push</source>
        <translation>팀 서버: 전송 대기 %1개</translation>
    </message>
    <message>
        <source>Team server: changes waiting to push</source>
        <translation>팀 서버: 전송 대기 중인 변경 있음</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Automatic (system language)</source>
        <translation>자동 (시스템 언어)</translation>
    </message>
    <message>
        <source>A new language is used the next time Testimonia starts.</source>
        <translation>바꾼 언어는 Testimonia를 다시 시작하면 적용됩니다.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>The setting could not be saved: %1</source>
        <translation>설정을 저장하지 못했습니다: %1</translation>
    </message>
</context>
<context>
    <name>SourceDialog</name>
    <message>
        <source>A: completely reliable</source>
        <translation>A: 완전히 신뢰할 수 있음</translation>
    </message>
    <message>
        <source>B: usually reliable</source>
        <translation>B: 대체로 신뢰할 수 있음</translation>
    </message>
    <message>
        <source>C: fairly reliable</source>
        <translation>C: 어느 정도 신뢰할 수 있음</translation>
    </message>
    <message>
        <source>D: not usually reliable</source>
        <translation>D: 대체로 신뢰하기 어려움</translation>
    </message>
    <message>
        <source>E: unreliable</source>
        <translation>E: 신뢰할 수 없음</translation>
    </message>
    <message>
        <source>F: reliability cannot be judged</source>
        <translation>F: 신뢰도를 판단할 수 없음</translation>
    </message>
    <message>
        <source>Document source</source>
        <translation>문서 출처</translation>
    </message>
    <message>
        <source>&amp;Outlet:</source>
        <translation>매체(&amp;O):</translation>
    </message>
    <message>
        <source>&amp;Author:</source>
        <translation>필자(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Published:</source>
        <translation>발행일(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>URL(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Retrieved:</source>
        <translation>확인일(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>언어(&amp;L):</translation>
    </message>
    <message>
        <source>Source &amp;type:</source>
        <translation>출처 유형(&amp;T):</translation>
    </message>
    <message>
        <source>Re&amp;liability:</source>
        <translation>신뢰도(&amp;L):</translation>
    </message>
    <message>
        <source>Open a document first.</source>
        <translation>먼저 문서를 여세요.</translation>
    </message>
    <message>
        <source>Cannot save the source</source>
        <translation>출처를 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>Source saved.</source>
        <translation>출처를 저장했습니다.</translation>
    </message>
</context>
<context>
    <name>StoreCommand</name>
    <message>
        <source>Mark as %1</source>
        <translation>%1(으)로 표시</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>%1 삭제</translation>
    </message>
    <message>
        <source>Add label %1</source>
        <translation>레이블 %1 추가</translation>
    </message>
    <message>
        <source>Edit label %1</source>
        <translation>레이블 %1 편집</translation>
    </message>
    <message>
        <source>Remove label %1</source>
        <translation>레이블 %1 제거</translation>
    </message>
    <message>
        <source>Rename document</source>
        <translation>문서 이름 바꾸기</translation>
    </message>
    <message>
        <source>Remove document</source>
        <translation>문서 제거</translation>
    </message>
    <message>
        <source>Restore document</source>
        <translation>문서 복원</translation>
    </message>
    <message>
        <source>Resolve conflict on %1</source>
        <translation>%1 충돌 해결</translation>
    </message>
</context>
<context>
    <name>SuggestActions</name>
    <message>
        <source>&amp;Suggest in this document</source>
        <translation>이 문서에서 제안 찾기(&amp;S)</translation>
    </message>
    <message>
        <source>Propose statements, figures and obligations in the open document, fields filled in</source>
        <translation>열린 문서에서 진술, 수치, 의무를 필드가 채워진 채로 제안</translation>
    </message>
    <message>
        <source>Suggest in &amp;all documents</source>
        <translation>모든 문서에서 제안 찾기(&amp;A)</translation>
    </message>
    <message>
        <source>Propose annotations in every document of the project, in the background</source>
        <translation>프로젝트의 모든 문서에서 백그라운드로 주석을 제안</translation>
    </message>
    <message>
        <source>&amp;Next suggestion</source>
        <translation>다음 제안(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous suggestion</source>
        <translation>이전 제안(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Accept suggestion</source>
        <translation>제안 수락(&amp;A)</translation>
    </message>
    <message>
        <source>Make the suggestion an annotation with its fields (Enter in the list)</source>
        <translation>제안을 필드가 채워진 주석으로 만들기 (목록에서 Enter)</translation>
    </message>
    <message>
        <source>Accept and &amp;edit</source>
        <translation>수락하고 편집(&amp;E)</translation>
    </message>
    <message>
        <source>Accept the suggestion and go to its fields (Shift+Enter in the list)</source>
        <translation>제안을 수락하고 필드로 이동 (목록에서 Shift+Enter)</translation>
    </message>
    <message>
        <source>&amp;Reject suggestion</source>
        <translation>제안 거절(&amp;R)</translation>
    </message>
    <message>
        <source>Never propose this again in this project (Delete in the list)</source>
        <translation>이 프로젝트에서 다시 제안하지 않기 (목록에서 Delete)</translation>
    </message>
    <message>
        <source>Accept a&amp;bove a score…</source>
        <translation>점수 이상 수락(&amp;B)…</translation>
    </message>
    <message>
        <source>Accept every suggestion of a kind with at least a given score</source>
        <translation>한 종류에서 지정한 점수 이상인 제안을 모두 수락</translation>
    </message>
    <message>
        <source>&amp;Clear suggestions</source>
        <translation>제안 지우기(&amp;C)</translation>
    </message>
    <message>
        <source>Review su&amp;ggestions</source>
        <translation>제안 검토(&amp;G)</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>제안</translation>
    </message>
    <message>
        <source>Open a document first</source>
        <translation>먼저 문서를 여세요</translation>
    </message>
    <message>
        <source>Open or create a project first</source>
        <translation>먼저 프로젝트를 열거나 만드세요</translation>
    </message>
    <message>
        <source>Still looking for suggestions</source>
        <translation>아직 제안을 찾는 중입니다</translation>
    </message>
    <message>
        <source>Document %1 of %2</source>
        <translation>문서 %2개 중 %1번째</translation>
    </message>
    <message>
        <source>Looking for suggestions</source>
        <translation>제안을 찾는 중</translation>
    </message>
    <message>
        <source>No suggestions</source>
        <translation>제안이 없습니다</translation>
    </message>
    <message numerus="yes">
        <source>%Ln suggestion(s) to review</source>
        <translation>
            <numerusform>검토할 제안 %Ln개</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 in “%2”</source>
        <translation>“%2”: %1</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%2: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>문서 %Ln개</numerusform>
        </translation>
    </message>
    <message>
        <source>(stopped after %1 of %2 documents)</source>
        <translation>(문서 %2개 중 %1개 후 중단됨)</translation>
    </message>
    <message>
        <source>No suggestions to review: press F7 to suggest in this document</source>
        <translation>검토할 제안이 없습니다. F7을 누르면 이 문서에서 제안을 찾습니다</translation>
    </message>
    <message>
        <source>That was the last suggestion</source>
        <translation>마지막 제안입니다</translation>
    </message>
    <message>
        <source>That was the first suggestion</source>
        <translation>첫 번째 제안입니다</translation>
    </message>
    <message>
        <source>Choose a suggestion first (F8 goes to the next one)</source>
        <translation>먼저 제안을 고르세요 (F8은 다음 제안으로 이동)</translation>
    </message>
    <message>
        <source>Accept suggestion</source>
        <translation>제안 수락</translation>
    </message>
    <message>
        <source>Reject suggestion</source>
        <translation>제안 거절</translation>
    </message>
    <message numerus="yes">
        <source>Accept %Ln suggestion(s)</source>
        <translation>
            <numerusform>제안 %Ln개 수락</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepted %Ln suggestion(s)</source>
        <translation>
            <numerusform>제안 %Ln개를 수락했습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Accepting suggestions</source>
        <translation>제안을 수락하는 중</translation>
    </message>
</context>
<context>
    <name>SuggestionsModel</name>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>점수</translation>
    </message>
    <message>
        <source>Suggested text</source>
        <translation>제안된 텍스트</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>필드</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>문서</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
</context>
<context>
    <name>TeamActions</name>
    <message>
        <source>&amp;Merge a teammate&apos;s file…</source>
        <translation>팀원의 파일 병합(&amp;M)…</translation>
    </message>
    <message>
        <source>Bring in a teammate&apos;s annotations; you see what would change first</source>
        <translation>팀원의 주석을 가져옵니다. 무엇이 바뀔지 먼저 보여 줍니다</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>내보내기(&amp;X)…</translation>
    </message>
    <message>
        <source>W3C, REFI-QDA, CSV, Excel, brat or a printable report</source>
        <translation>W3C, REFI-QDA, CSV, Excel, brat 또는 인쇄용 보고서</translation>
    </message>
    <message>
        <source>Import &amp;QDA project (.qdpx)…</source>
        <translation>QDA 프로젝트 가져오기(&amp;Q) (.qdpx)…</translation>
    </message>
    <message>
        <source>Import &amp;W3C annotations…</source>
        <translation>W3C 주석 가져오기(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Send a copy to a teammate…</source>
        <translation>팀원에게 사본 보내기(&amp;S)…</translation>
    </message>
    <message>
        <source>Write one file with all your work, ready to attach to an e-mail</source>
        <translation>모든 작업을 담은 파일 하나를 만들어 이메일에 바로 첨부할 수 있게 합니다</translation>
    </message>
    <message>
        <source>Send c&amp;hanges to a teammate…</source>
        <translation>팀원에게 변경 사항 보내기(&amp;H)…</translation>
    </message>
    <message>
        <source>Write a small file with only what a teammate does not have yet</source>
        <translation>팀원에게 아직 없는 작업만 담은 작은 파일을 만듭니다</translation>
    </message>
    <message>
        <source>&amp;Conflicts</source>
        <translation>충돌(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Evidence table</source>
        <translation>증거 표(&amp;E)</translation>
    </message>
    <message>
        <source>Resolve conflict…</source>
        <translation>충돌 해결…</translation>
    </message>
    <message>
        <source>Compare the versions that disagree and keep one</source>
        <translation>서로 다른 버전을 비교해 하나를 남깁니다</translation>
    </message>
    <message>
        <source>Open or create a project first</source>
        <translation>먼저 프로젝트를 열거나 만드세요</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>충돌</translation>
    </message>
    <message>
        <source>Evidence table</source>
        <translation>증거 표</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;New project…</source>
        <translation>새 프로젝트(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>프로젝트 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Import documents…</source>
        <translation>문서 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>Import .txt, .html, .pdf or .docx files (or drop them here)</source>
        <translation>.txt, .html, .pdf, .docx 파일을 가져옵니다 (여기에 끌어다 놓아도 됩니다)</translation>
    </message>
    <message>
        <source>&amp;Paste as new document</source>
        <translation>새 문서로 붙여넣기(&amp;P)</translation>
    </message>
    <message>
        <source>Import the text on the clipboard as a new document</source>
        <translation>클립보드의 텍스트를 새 문서로 가져옵니다</translation>
    </message>
    <message>
        <source>Restore remo&amp;ved document…</source>
        <translation>제거한 문서 복원(&amp;V)…</translation>
    </message>
    <message>
        <source>Bring back a document removed earlier, with its annotations</source>
        <translation>앞서 제거한 문서를 주석과 함께 되살립니다</translation>
    </message>
    <message>
        <source>Your &amp;name…</source>
        <translation>내 이름(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find in document…</source>
        <translation>문서에서 찾기(&amp;F)…</translation>
    </message>
    <message>
        <source>Find &amp;next</source>
        <translation>다음 찾기(&amp;N)</translation>
    </message>
    <message>
        <source>Find pre&amp;vious</source>
        <translation>이전 찾기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Search all documents…</source>
        <translation>모든 문서 검색(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Adjust span to selection</source>
        <translation>선택 영역으로 범위 조정(&amp;A)</translation>
    </message>
    <message>
        <source>Move the selected annotation to the selected text</source>
        <translation>고른 주석을 선택한 텍스트로 옮깁니다</translation>
    </message>
    <message>
        <source>&amp;Delete annotation</source>
        <translation>주석 삭제(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Edit fields</source>
        <translation>필드 편집(&amp;E)</translation>
    </message>
    <message>
        <source>Go to the selected annotation&apos;s fields (Esc comes back)</source>
        <translation>선택한 주석의 필드로 이동 (Esc로 돌아옴)</translation>
    </message>
    <message>
        <source>Ne&amp;xt annotation</source>
        <translation>다음 주석(&amp;X)</translation>
    </message>
    <message>
        <source>Pre&amp;vious annotation</source>
        <translation>이전 주석(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Next document</source>
        <translation>다음 문서(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous document</source>
        <translation>이전 문서(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Labels…</source>
        <translation>레이블(&amp;L)…</translation>
    </message>
    <message>
        <source>Add, edit or remove labels of your own</source>
        <translation>나만의 레이블을 추가, 편집 또는 제거합니다</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>원래 크기(&amp;A)</translation>
    </message>
    <message>
        <source>Open &amp;sample project</source>
        <translation>예제 프로젝트 열기(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;About Testimonia</source>
        <translation>Testimonia 정보(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>최근 프로젝트(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Annotate</source>
        <translation>주석(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>기본 도구 모음</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 또는 </translation>
    </message>
    <message>
        <source>Mark the selection as %1</source>
        <translation>선택 영역을 %1(으)로 표시</translation>
    </message>
</context>
</TS>
