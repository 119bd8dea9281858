<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AgreementView</name>
    <message numerus="yes">
        <source>%n warning(s), listed with the measures.</source>
        <translation>
            <numerusform>%n warning, listed with the measures.</numerusform>
            <numerusform>%n warnings, listed with the measures.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message numerus="yes">
        <source>%Ln page(s)</source>
        <translation>
            <numerusform>%Ln page</numerusform>
            <numerusform>%Ln pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EntityView</name>
    <message numerus="yes">
        <source>%n statement(s) linked.</source>
        <translation>
            <numerusform>%n statement linked.</numerusform>
            <numerusform>%n statements linked.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>%Ln annotation(s)</source>
        <translation>
            <numerusform>%Ln annotation</numerusform>
            <numerusform>%Ln annotations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln annotation(s)</source>
        <translation>
            <numerusform>Imported %Ln annotation</numerusform>
            <numerusform>Imported %Ln annotations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln label(s)</source>
        <translation>
            <numerusform>%Ln label</numerusform>
            <numerusform>%Ln labels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln duplicate(s)</source>
        <translation>
            <numerusform>%Ln duplicate</numerusform>
            <numerusform>%Ln duplicates</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message numerus="yes">
        <source>Imported %Ln document(s)</source>
        <translation>
            <numerusform>Imported %Ln document</numerusform>
            <numerusform>Imported %Ln documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Importing</name>
    <message numerus="yes">
        <source>%Ln document(s) imported.</source>
        <translation>
            <numerusform>%Ln document imported.</numerusform>
            <numerusform>%Ln documents imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>These %Ln file(s) could not be imported:</source>
        <translation>
            <numerusform>This file could not be imported:</numerusform>
            <numerusform>These %Ln files could not be imported:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IncidentView</name>
    <message numerus="yes">
        <source>%n figure(s) without a date or a number not drawn.</source>
        <translation>
            <numerusform>%n figure without a date or a number not drawn.</numerusform>
            <numerusform>%n figures without a date or a number not drawn.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln annotation(s)</source>
        <translation>
            <numerusform>%Ln annotation</numerusform>
            <numerusform>%Ln annotations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln conflict(s)</source>
        <translation>
            <numerusform>%Ln conflict</numerusform>
            <numerusform>%Ln conflicts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchModel</name>
    <message numerus="yes">
        <source>… %Ln more hit(s) in this document (F3 in the reader goes on)</source>
        <translation>
            <numerusform>… %Ln more hit in this document (F3 in the reader goes on)</numerusform>
            <numerusform>… %Ln more hits in this document (F3 in the reader goes on)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hit(s)</source>
        <translation>
            <numerusform>%Ln hit</numerusform>
            <numerusform>%Ln hits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s) listed</source>
        <translation>
            <numerusform>%Ln document listed</numerusform>
            <numerusform>%Ln documents listed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuggestActions</name>
    <message numerus="yes">
        <source>%Ln suggestion(s) to review</source>
        <translation>
            <numerusform>%Ln suggestion to review</numerusform>
            <numerusform>%Ln suggestions to review</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accept %Ln suggestion(s)</source>
        <translation>
            <numerusform>Accept %Ln suggestion</numerusform>
            <numerusform>Accept %Ln suggestions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepted %Ln suggestion(s)</source>
        <translation>
            <numerusform>Accepted %Ln suggestion</numerusform>
            <numerusform>Accepted %Ln suggestions</numerusform>
        </translation>
    </message>
</context>
</TS>
