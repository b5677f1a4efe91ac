-- Feedback from holders and social workers (issue 20): a face, a few optional words, the form's
-- language, holder or worker, and the day (Unix seconds of its midnight UTC) — no time, no
-- address, no wallet, no session. `id` is random, so it says nothing of the order of arrival.
-- Deleted `--feedback-months` after its day. `tags` (comma-separated, from a fixed list) and
-- `closed` are the coordinators'.
CREATE TABLE feedback (
    id       TEXT PRIMARY KEY,
    day      BIGINT NOT NULL,
    face     TEXT NOT NULL,
    comment  TEXT,
    language TEXT NOT NULL,
    origin   TEXT NOT NULL,
    tags     TEXT NOT NULL DEFAULT '',
    closed   BIGINT NOT NULL DEFAULT 0
);

-- Feedbacks over the whole server, per minute, for the hourly budget (`--feedback-per-hour`):
-- one global count, never one per sender.
CREATE TABLE feedback_global (
    bucket   BIGINT PRIMARY KEY,
    received BIGINT NOT NULL
);

-- "What we changed": what the coordinators publish on the transparency page, in four languages
-- (an empty one is shown in French), with the day it was published.
CREATE TABLE changes_published (
    id      TEXT PRIMARY KEY,
    day     BIGINT NOT NULL,
    text_fr TEXT NOT NULL,
    text_nl TEXT NOT NULL,
    text_en TEXT NOT NULL,
    text_ar TEXT NOT NULL
);
