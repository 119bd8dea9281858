"""Agreement between annotators and adjudication into one curated reading (no Qt).

One module per idea: intervals (sorted interval arithmetic), tally (additive totals), unitizing
(Krippendorff's 2016 uα family), unitizing2004 (the 2004 αu that DKPro/INCEpTION report),
matching (span pairs, precision/recall/F1, disagreement kinds), coding_alpha (alpha for field
values), charlevel (NVivo and QualCoder figures), bootstrap (intervals), data (who coded what),
report (everything for one selection), curation (the curated reading) and report_export (HTML,
CSV, XLSX of a report).
"""
