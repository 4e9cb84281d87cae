import type Database from 'better-sqlite3';
import { checkOrder, newerSchemaError, type Migration } from '../shared/migration.js';

const V1 = `
CREATE TABLE prompt_sets (
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  json TEXT NOT NULL,
  source TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (id, version)
);

CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  config TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('planned', 'generating', 'scoring', 'done', 'interrupted')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE generations (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  generator_id TEXT NOT NULL,
  generator_type TEXT NOT NULL,
  prompt_set_id TEXT NOT NULL,
  prompt_set_version INTEGER NOT NULL,
  prompt_id TEXT NOT NULL,
  category TEXT NOT NULL,
  language TEXT NOT NULL,
  text TEXT NOT NULL,
  seed INTEGER NOT NULL,
  sample INTEGER NOT NULL,
  modality TEXT NOT NULL CHECK (modality IN ('image', 'video')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  claimed_by TEXT,
  claimed_at TEXT,
  media_hash TEXT,
  mime TEXT,
  width INTEGER,
  height INTEGER,
  duration_sec REAL,
  fps REAL,
  latency_ms REAL,
  cost_usd REAL,
  provider_ids TEXT,
  error_category TEXT,
  error_message TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX generations_status ON generations (status);
CREATE INDEX generations_generator ON generations (generator_id, status);
CREATE INDEX generations_media ON generations (media_hash);

CREATE TABLE run_generations (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  generation_key TEXT NOT NULL REFERENCES generations (key) ON DELETE CASCADE,
  PRIMARY KEY (run_id, generation_key)
);
CREATE INDEX run_generations_key ON run_generations (generation_key);

CREATE TABLE scores (
  generation_key TEXT NOT NULL REFERENCES generations (key) ON DELETE CASCADE,
  metric_id TEXT NOT NULL,
  metric_version TEXT NOT NULL,
  value REAL,
  details TEXT NOT NULL,
  provenance TEXT NOT NULL,
  error TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (generation_key, metric_id, metric_version)
);
CREATE INDEX scores_metric ON scores (metric_id, metric_version);

CREATE TABLE studies (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs (id),
  name TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('likert', 'pairwise')),
  config TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  created_at TEXT NOT NULL
);
CREATE INDEX studies_run ON studies (run_id);

CREATE TABLE assignments (
  id TEXT PRIMARY KEY,
  study_id TEXT NOT NULL REFERENCES studies (id),
  rater_id TEXT NOT NULL,
  item TEXT NOT NULL,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('normal', 'gold', 'repeat')),
  created_at TEXT NOT NULL
);
CREATE INDEX assignments_study_rater ON assignments (study_id, rater_id, position);

-- Append-only: AUTOINCREMENT so an id is never reused, and the id order is the order of arrival.
CREATE TABLE ratings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  study_id TEXT NOT NULL REFERENCES studies (id),
  assignment_id TEXT NOT NULL REFERENCES assignments (id),
  rater_id TEXT NOT NULL,
  dimension TEXT NOT NULL,
  value REAL,
  cannot_rate TEXT,
  time_ms INTEGER NOT NULL,
  watched_to_end INTEGER,
  created_at TEXT NOT NULL
);
CREATE INDEX ratings_study_rater ON ratings (study_id, rater_id);
CREATE INDEX ratings_assignment ON ratings (assignment_id, dimension);
`;

// Idempotent submissions (a retried POST is stored once, across server processes) and the client's clock.
const V2 = `
ALTER TABLE ratings ADD COLUMN submission_id TEXT;
ALTER TABLE ratings ADD COLUMN client_shown_at TEXT;
ALTER TABLE ratings ADD COLUMN client_answered_at TEXT;
CREATE UNIQUE INDEX ratings_submission ON ratings (study_id, rater_id, submission_id, dimension);
`;

// The ledger of paid requests and remote jobs (core/types/store/ledger.ts).
const V3 = `
CREATE TABLE ledger (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  generation_key TEXT NOT NULL REFERENCES generations (key) ON DELETE CASCADE,
  generator_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  phase TEXT NOT NULL CHECK (phase IN ('sending', 'created', 'polling', 'result-ready', 'downloaded', 'stored', 'failed', 'cancelled', 'unknown')),
  job_id TEXT,
  detail TEXT,
  result_urls TEXT,
  result_expires_at TEXT,
  price_usd REAL,
  media_hash TEXT,
  message TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ledger_key ON ledger (generation_key);
CREATE INDEX ledger_phase ON ledger (phase);
`;

// One rating per rater and item (issue 17): a rating-UI row is its item's first rating or its one
// correction (slot), held by a unique index; rows stored before carry no slot and never conflict.
// And when each item's media first went to its rater, so that a rating cannot beat the clip.
const V4 = `
ALTER TABLE ratings ADD COLUMN slot TEXT CHECK (slot IN ('first', 'correction'));
CREATE UNIQUE INDEX ratings_one_per_item ON ratings (study_id, assignment_id, dimension, slot);
CREATE TABLE served_items (
  assignment_id TEXT PRIMARY KEY REFERENCES assignments (id),
  study_id TEXT NOT NULL REFERENCES studies (id),
  rater_id TEXT NOT NULL,
  first_served_at TEXT NOT NULL
);
CREATE INDEX served_items_study_rater ON served_items (study_id, rater_id);
`;

// The coordinator link of \`loupe rate\`, kept across restarts (issue 17): one row, the token's hash only.
const V5 = `
CREATE TABLE coordinator_link (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  token_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`;

// A counter of each study's config changes, so that a server can check a study without reading its config (issue 21).
// The index covers that check: the row itself keeps the config before the status, and a config
// larger than a page is a chain of overflow pages that SQLite walks to reach the columns after it.
const V6 = `
ALTER TABLE studies ADD COLUMN config_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX studies_status ON studies (id, status, config_version);
`;

// Questions a language model wrote for prompts without their own (DSG), beside the prompt set's
// version and keyed by the generating model and template, never changing the set.
const V7 = `
CREATE TABLE prompt_questions (
  prompt_set_id TEXT NOT NULL,
  prompt_set_version INTEGER NOT NULL,
  prompt_id TEXT NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('zh', 'en')),
  model TEXT NOT NULL,
  template TEXT NOT NULL,
  judge_id TEXT NOT NULL,
  questions TEXT NOT NULL,
  detail TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (prompt_set_id, prompt_set_version, prompt_id, language, model, template),
  FOREIGN KEY (prompt_set_id, prompt_set_version) REFERENCES prompt_sets (id, version)
);
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, sql: V1 },
  { version: 2, sql: V2 },
  { version: 3, sql: V3 },
  { version: 4, sql: V4 },
  { version: 5, sql: V5 },
  { version: 6, sql: V6 },
  { version: 7, sql: V7 },
];

/**
 * Brings the database at `file` up to the last migration, each step in its own transaction
 * together with its `PRAGMA user_version`, so a crash leaves a whole version or none.
 * Returns the versions it applied (none when the file was current).
 */
export function migrate(db: Database.Database, file: string, migrations: readonly Migration[] = MIGRATIONS): number[] {
  checkOrder(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const current = userVersion(db);
  if (current > latest) throw newerSchemaError(file, current, latest);
  const applied: number[] = [];
  for (const m of migrations) {
    // IMMEDIATE takes the write lock first, so two processes opening a new file cannot both
    // apply a step: the second waits (busy_timeout), then sees the new version and skips it.
    const step = db.transaction(() => {
      if (userVersion(db) >= m.version) return false;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
      return true;
    });
    if (m.version > current && step.immediate()) applied.push(m.version);
  }
  return applied;
}

export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
