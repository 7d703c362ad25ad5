/**
 * The SQLite schema, one migration at a time. Never edit a released
 * migration: add the next one.
 *
 * Timestamps are ISO 8601 UTC text (`2024-05-01T09:30:00.000Z`), so they
 * sort and compare as strings; lists and objects are JSON text.
 */
import type { Migration } from './types.ts';

const core = `
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  domain TEXT NOT NULL UNIQUE,
  name TEXT,
  country TEXT,
  language TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL
);

CREATE TABLE feeds (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
  title TEXT,
  etag TEXT,
  last_modified TEXT,
  poll_interval_s INTEGER NOT NULL DEFAULT 900,
  paused INTEGER NOT NULL DEFAULT 0,
  last_polled_at TEXT,
  last_ok_at TEXT,
  last_error TEXT,
  failures INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

-- metadata only: the text lives in article_texts, so that the rows a search
-- filters and joins stay small (a dozen to a page, where a row with its text
-- would take a page of its own)
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  source_id INTEGER REFERENCES sources(id),
  dated_at TEXT NOT NULL,
  language TEXT,
  word_count INTEGER NOT NULL,
  latest_analysis_id INTEGER,
  needs_analysis INTEGER NOT NULL DEFAULT 1,
  published_at TEXT,
  modified_at TEXT,
  fetched_at TEXT,
  cluster_id TEXT,
  canonical_url TEXT,
  content_hash TEXT NOT NULL,
  external_id TEXT,
  url TEXT,
  site_name TEXT,
  description TEXT,
  image TEXT,
  source_kind TEXT,
  source_location TEXT,
  feed TEXT,
  authors TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  title TEXT,
  -- tokens of the outlet, language and month, indexed with the text so that
  -- full-text search intersects them inside FTS5 instead of row by row
  facets TEXT GENERATED ALWAYS AS (
    'src' || coalesce(source_id, 0) || ' lang' || coalesce(language, 'und') || '0 mon' || substr(replace(dated_at, '-', ''), 1, 6)
  ) VIRTUAL
);
CREATE UNIQUE INDEX articles_canonical_url ON articles(canonical_url);
CREATE UNIQUE INDEX articles_hash_without_url ON articles(content_hash) WHERE canonical_url IS NULL;
CREATE INDEX articles_dated ON articles(dated_at, id);
CREATE INDEX articles_source_dated ON articles(source_id, dated_at);
CREATE INDEX articles_cluster ON articles(cluster_id) WHERE cluster_id IS NOT NULL;
CREATE INDEX articles_external ON articles(external_id) WHERE external_id IS NOT NULL;
CREATE INDEX articles_pending ON articles(id) WHERE needs_analysis = 1;

-- written after its articles row
CREATE TABLE article_texts (
  id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  text TEXT NOT NULL
);

CREATE VIEW articles_fts_content AS
  SELECT a.id AS id, a.title AS title, t.text AS text, a.facets AS facets FROM articles a JOIN article_texts t ON t.id = a.id;

-- external content: the index keeps no second copy of the text
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, facets,
  content = 'articles_fts_content', content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);

-- FTS5 forgets an entry only when told the exact values it indexed, so
-- every change removes the old entry before the row changes and adds the
-- new one after; an article's row changes before its text does
CREATE TRIGGER articles_fts_insert AFTER INSERT ON article_texts BEGIN
  INSERT INTO articles_fts(rowid, title, text, facets) SELECT a.id, a.title, new.text, a.facets FROM articles a WHERE a.id = new.id;
END;
CREATE TRIGGER articles_fts_text_before BEFORE UPDATE OF text ON article_texts WHEN old.text IS NOT new.text BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text, facets) SELECT 'delete', a.id, a.title, old.text, a.facets FROM articles a WHERE a.id = old.id;
END;
CREATE TRIGGER articles_fts_text_after AFTER UPDATE OF text ON article_texts WHEN old.text IS NOT new.text BEGIN
  INSERT INTO articles_fts(rowid, title, text, facets) SELECT a.id, a.title, new.text, a.facets FROM articles a WHERE a.id = new.id;
END;
CREATE TRIGGER articles_fts_row_before BEFORE UPDATE OF title, source_id, language, dated_at ON articles
WHEN old.title IS NOT new.title OR old.facets IS NOT new.facets BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text, facets) SELECT 'delete', old.id, old.title, t.text, old.facets FROM article_texts t WHERE t.id = old.id;
END;
CREATE TRIGGER articles_fts_row_after AFTER UPDATE OF title, source_id, language, dated_at ON articles
WHEN old.title IS NOT new.title OR old.facets IS NOT new.facets BEGIN
  INSERT INTO articles_fts(rowid, title, text, facets) SELECT new.id, new.title, t.text, new.facets FROM article_texts t WHERE t.id = new.id;
END;
CREATE TRIGGER articles_fts_delete BEFORE DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text, facets) SELECT 'delete', old.id, old.title, t.text, old.facets FROM article_texts t WHERE t.id = old.id;
END;
`;

const analyses = `
-- doc is the analysis JSON without its text, zlib-compressed (a sixth of
-- its size; Python reads it with zlib.decompress); text is kept here only
-- when it is no longer (or never was) the article's text
CREATE TABLE analyses (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  model TEXT NOT NULL,
  model_version TEXT NOT NULL,
  created_at TEXT NOT NULL,
  is_latest INTEGER NOT NULL,
  language TEXT,
  word_count INTEGER NOT NULL,
  counts TEXT NOT NULL,
  contribution TEXT NOT NULL,
  text TEXT,
  doc BLOB NOT NULL
);
CREATE INDEX analyses_article ON analyses(article_id, id);

-- spans, doc_labels, quotes and actor_mentions describe each article's latest
-- analysis only (older ones keep their JSON); analysis_id says which one.
-- analysis_id has no foreign key: checking one would scan these tables on
-- every deleted analysis.
CREATE TABLE spans (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  analysis_id INTEGER NOT NULL,
  layer TEXT NOT NULL,
  label TEXT NOT NULL,
  category TEXT,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  score REAL,
  paragraph INTEGER
);
CREATE INDEX spans_article ON spans(article_id, layer, label);

CREATE TABLE doc_labels (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  analysis_id INTEGER NOT NULL,
  layer TEXT NOT NULL,
  label TEXT NOT NULL,
  parent TEXT,
  score REAL
);
CREATE INDEX doc_labels_article ON doc_labels(article_id, layer, label);

CREATE TABLE actors (
  key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  title TEXT,
  affiliation TEXT,
  aliases TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE actor_mentions (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  actor_key TEXT NOT NULL,
  analysis_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  mentions INTEGER NOT NULL,
  quotes INTEGER NOT NULL,
  role TEXT,
  PRIMARY KEY (article_id, actor_key)
) WITHOUT ROWID;

CREATE TABLE quotes (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  analysis_id INTEGER NOT NULL,
  actor_key TEXT,
  speaker TEXT,
  type TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  cue_start INTEGER,
  cue_end INTEGER,
  speaker_start INTEGER,
  speaker_end INTEGER,
  -- the article's, so that an actor's newest quotes are an index range, not a sort
  dated_at TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_actor ON quotes(actor_key, dated_at, id) WHERE actor_key IS NOT NULL;

CREATE TABLE annotations (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  layer TEXT NOT NULL,
  label TEXT NOT NULL,
  start INTEGER,
  "end" INTEGER,
  text TEXT,
  author TEXT,
  created_at TEXT NOT NULL,
  source TEXT NOT NULL,
  external_id TEXT
);
CREATE INDEX annotations_article ON annotations(article_id, layer);
CREATE UNIQUE INDEX annotations_external ON annotations(source, external_id) WHERE external_id IS NOT NULL;

-- the upcoming layers, by the names analysts will look for
CREATE VIEW claims AS
  SELECT article_id, analysis_id, label, start, "end", score FROM spans WHERE layer = 'claims';
CREATE VIEW narratives AS
  SELECT article_id, analysis_id, label, parent, score FROM doc_labels WHERE layer = 'narratives';
`;

const rollups = `
CREATE TABLE article_rollup (
  grain TEXT NOT NULL,
  source_id INTEGER NOT NULL,
  period TEXT NOT NULL,
  articles INTEGER NOT NULL,
  words INTEGER NOT NULL,
  PRIMARY KEY (grain, source_id, period)
) WITHOUT ROWID;

CREATE TABLE label_rollup (
  grain TEXT NOT NULL,
  layer TEXT NOT NULL,
  source_id INTEGER NOT NULL,
  period TEXT NOT NULL,
  label TEXT NOT NULL,
  n INTEGER NOT NULL,
  articles INTEGER NOT NULL,
  words INTEGER NOT NULL,
  PRIMARY KEY (grain, layer, source_id, period, label)
) WITHOUT ROWID;

CREATE TABLE actor_rollup (
  grain TEXT NOT NULL,
  source_id INTEGER NOT NULL,
  period TEXT NOT NULL,
  actor_key TEXT NOT NULL,
  articles INTEGER NOT NULL,
  mentions INTEGER NOT NULL,
  quotes INTEGER NOT NULL,
  PRIMARY KEY (grain, source_id, period, actor_key)
) WITHOUT ROWID;
`;

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'sources, feeds, articles and their full-text index', sql: core },
  { version: 2, name: 'analyses, derived rows and annotations', sql: analyses },
  { version: 3, name: 'dashboard rollups', sql: rollups, rebuildRollups: true },
];
