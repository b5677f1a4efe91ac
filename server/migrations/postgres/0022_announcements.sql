-- Announcements of the coordinators (issue 20): plain text in four languages, shown on the
-- holders' start page from `starts_at` until `ends_at` (Unix seconds); posting one ends the one
-- shown. `created_by` is the coordinator's name.
CREATE TABLE announcements (
    id         TEXT PRIMARY KEY,
    text_fr    TEXT NOT NULL,
    text_nl    TEXT NOT NULL,
    text_en    TEXT NOT NULL,
    text_ar    TEXT NOT NULL,
    starts_at  BIGINT NOT NULL,
    ends_at    BIGINT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX announcements_by_end ON announcements (ends_at);
