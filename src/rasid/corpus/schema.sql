-- Rasid corpus store: one schema for SQLite and PostgreSQL.
-- Placeholders filled by rasid.corpus.db: {SERIAL} (an auto-numbered integer primary key),
-- {BLOB} (binary).  Offsets are half-open code-point offsets into documents.text; every fact
-- row carries the sentence it came from (sent_start, sent_end) so it stays traceable.
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS documents (
  num {SERIAL},
  id TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL UNIQUE,
  story_id TEXT NOT NULL,
  title TEXT,
  source TEXT,
  url TEXT,
  published TEXT,
  day TEXT,
  language TEXT,
  n_words INTEGER NOT NULL,
  text TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_story ON documents (story_id);
CREATE INDEX IF NOT EXISTS documents_day ON documents (day);
CREATE INDEX IF NOT EXISTS documents_source ON documents (source);

-- Every outlet/URL that published a stored text (the document itself and its exact copies).
CREATE TABLE IF NOT EXISTS copies (
  doc_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  source TEXT NOT NULL,
  url TEXT NOT NULL,
  published TEXT,
  PRIMARY KEY (doc_id, external_id, source, url)
);

-- MinHash signatures for near-duplicate grouping.
CREATE TABLE IF NOT EXISTS signatures (
  doc_id TEXT PRIMARY KEY,
  n_shingles INTEGER NOT NULL,
  sig {BLOB} NOT NULL
);

-- LSH buckets of the signatures (band, 64-bit bucket hash) for near-duplicate candidates.
CREATE TABLE IF NOT EXISTS lsh_buckets (
  band INTEGER NOT NULL,
  bucket BIGINT NOT NULL,
  doc_id TEXT NOT NULL,
  PRIMARY KEY (band, bucket, doc_id)
);

CREATE TABLE IF NOT EXISTS entities (
  entity_id TEXT PRIMARY KEY,
  canonical TEXT NOT NULL,
  type TEXT,
  wikidata TEXT
);

CREATE TABLE IF NOT EXISTS mentions (
  doc_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  start_off INTEGER NOT NULL,
  end_off INTEGER NOT NULL,
  text TEXT NOT NULL,
  type TEXT,
  entity_id TEXT NOT NULL,
  role TEXT,
  sent_start INTEGER NOT NULL,
  sent_end INTEGER NOT NULL,
  PRIMARY KEY (doc_id, idx)
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity_id);

-- One row per real-world event; its reports are in event_mentions.
CREATE TABLE IF NOT EXISTS events (
  event_id TEXT PRIMARY KEY,
  merge_key TEXT NOT NULL,
  type TEXT,
  mode TEXT,
  actor_id TEXT,
  target_id TEXT,
  location_id TEXT,
  day TEXT,
  first_seen TEXT,
  last_seen TEXT
);
CREATE INDEX IF NOT EXISTS events_key ON events (merge_key);

CREATE TABLE IF NOT EXISTS event_mentions (
  doc_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  start_off INTEGER NOT NULL,
  end_off INTEGER NOT NULL,
  trigger TEXT NOT NULL,
  type TEXT,
  mode TEXT,
  modality TEXT,
  actor TEXT,
  target TEXT,
  location TEXT,
  time_value TEXT,
  quantity TEXT,
  source TEXT,
  sent_start INTEGER NOT NULL,
  sent_end INTEGER NOT NULL,
  PRIMARY KEY (doc_id, idx)
);
CREATE INDEX IF NOT EXISTS event_mentions_event ON event_mentions (event_id);

CREATE TABLE IF NOT EXISTS times (
  doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
  start_off INTEGER NOT NULL, end_off INTEGER NOT NULL, text TEXT NOT NULL,
  value TEXT, grain TEXT, interval_start TEXT, interval_end TEXT,
  sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL,
  PRIMARY KEY (doc_id, idx)
);

CREATE TABLE IF NOT EXISTS quantities (
  doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
  start_off INTEGER NOT NULL, end_off INTEGER NOT NULL, text TEXT NOT NULL,
  value DOUBLE PRECISION, min_value DOUBLE PRECISION, max_value DOUBLE PRECISION,
  unit TEXT, approx INTEGER,
  sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL,
  PRIMARY KEY (doc_id, idx)
);

CREATE TABLE IF NOT EXISTS attributions (
  doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
  start_off INTEGER NOT NULL, end_off INTEGER NOT NULL, text TEXT NOT NULL,
  source_text TEXT, cue TEXT,
  sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL,
  PRIMARY KEY (doc_id, idx)
);

CREATE TABLE IF NOT EXISTS quotes (
  doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
  start_off INTEGER NOT NULL, end_off INTEGER NOT NULL, text TEXT NOT NULL,
  speaker TEXT,
  sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL,
  PRIMARY KEY (doc_id, idx)
);

-- Claim series: one row per quantity about a subject, with who said it.
CREATE TABLE IF NOT EXISTS claims (
  doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
  subject_key TEXT NOT NULL,
  subject TEXT NOT NULL,
  published TEXT,
  outlet TEXT,
  attributed_source TEXT,
  value DOUBLE PRECISION, min_value DOUBLE PRECISION, max_value DOUBLE PRECISION,
  unit TEXT,
  start_off INTEGER NOT NULL, end_off INTEGER NOT NULL, text TEXT NOT NULL,
  sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL,
  terms TEXT NOT NULL,
  context_terms TEXT NOT NULL,
  PRIMARY KEY (doc_id, idx)
);
CREATE INDEX IF NOT EXISTS claims_subject ON claims (subject_key);
