/**
 * Schema history, applied in order on start by each store and recorded in
 * `schema_version`. Append new versions; never edit one that has shipped.
 *
 * What is deliberately absent: IP addresses, user agents, full referrer URLs,
 * precise page-view times. Data minimisation (GDPR art. 5(1)(c)): the proof
 * of consent (art. 7(1)) needs the decision, its policy and when it reached
 * us; audience figures need a count per page and day.
 */
export interface Migration {
  version: number;
  description: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'consent receipts (append-only) and daily page-view counters',
    sqlite: `
      CREATE TABLE consent_receipts (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        consent_id TEXT NOT NULL CHECK (length(consent_id) = 36),
        policy_revision INTEGER NOT NULL CHECK (policy_revision > 0),
        preferences INTEGER NOT NULL CHECK (preferences IN (0, 1)),
        analytics INTEGER NOT NULL CHECK (analytics IN (0, 1)),
        marketing INTEGER NOT NULL CHECK (marketing IN (0, 1)),
        method TEXT NOT NULL CHECK (method IN ('accept_all', 'reject_all', 'custom')),
        language TEXT NOT NULL CHECK (language IN ('en', 'fr')),
        source TEXT NOT NULL CHECK (source IN ('banner', 'settings')),
        gpc INTEGER NOT NULL CHECK (gpc IN (0, 1)),
        client_first_decided_at INTEGER NOT NULL,
        client_decided_at INTEGER NOT NULL,
        received_at_ms INTEGER NOT NULL
      );
      CREATE INDEX consent_receipts_by_consent_id ON consent_receipts (consent_id, seq);
      CREATE TRIGGER consent_receipts_no_update BEFORE UPDATE ON consent_receipts
        BEGIN SELECT RAISE(ABORT, 'consent receipts are append-only'); END;
      CREATE TRIGGER consent_receipts_no_delete BEFORE DELETE ON consent_receipts
        BEGIN SELECT RAISE(ABORT, 'consent receipts are append-only'); END;

      CREATE TABLE page_view_days (
        day TEXT NOT NULL CHECK (length(day) = 10),
        path TEXT NOT NULL,
        locale TEXT NOT NULL CHECK (locale IN ('en', 'fr')),
        referrer_host TEXT NOT NULL,
        views INTEGER NOT NULL CHECK (views > 0),
        PRIMARY KEY (day, path, locale, referrer_host)
      ) WITHOUT ROWID;
    `,
    postgres: `
      CREATE TABLE consent_receipts (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        consent_id UUID NOT NULL,
        policy_revision INTEGER NOT NULL CHECK (policy_revision > 0),
        preferences BOOLEAN NOT NULL,
        analytics BOOLEAN NOT NULL,
        marketing BOOLEAN NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('accept_all', 'reject_all', 'custom')),
        language TEXT NOT NULL CHECK (language IN ('en', 'fr')),
        source TEXT NOT NULL CHECK (source IN ('banner', 'settings')),
        gpc BOOLEAN NOT NULL,
        client_first_decided_at BIGINT NOT NULL,
        client_decided_at BIGINT NOT NULL,
        received_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX consent_receipts_by_consent_id ON consent_receipts (consent_id, seq);
      CREATE FUNCTION consent_receipts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'consent receipts are append-only'; END
      $$;
      CREATE TRIGGER consent_receipts_no_change BEFORE UPDATE OR DELETE ON consent_receipts
        FOR EACH ROW EXECUTE FUNCTION consent_receipts_append_only();
      CREATE TRIGGER consent_receipts_no_truncate BEFORE TRUNCATE ON consent_receipts
        FOR EACH STATEMENT EXECUTE FUNCTION consent_receipts_append_only();

      CREATE TABLE page_view_days (
        day DATE NOT NULL,
        path TEXT NOT NULL,
        locale TEXT NOT NULL CHECK (locale IN ('en', 'fr')),
        referrer_host TEXT NOT NULL,
        views BIGINT NOT NULL CHECK (views > 0),
        PRIMARY KEY (day, path, locale, referrer_host)
      );
    `,
  },
  {
    version: 2,
    description: 'retention purges: receipts may be deleted only before the latest recorded cutoff',
    // The append-only guard stays for every receipt still within its
    // retention period: a purge first records its cutoff here, and the
    // trigger lets through only rows received before the highest one.
    sqlite: `
      CREATE TABLE retention_purges (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        ran_at_ms INTEGER NOT NULL,
        receipts_received_before_ms INTEGER NOT NULL,
        page_views_before_day TEXT NOT NULL CHECK (length(page_views_before_day) = 10),
        receipts_deleted INTEGER NOT NULL DEFAULT 0,
        page_view_rows_deleted INTEGER NOT NULL DEFAULT 0
      );
      DROP TRIGGER consent_receipts_no_delete;
      CREATE TRIGGER consent_receipts_no_delete BEFORE DELETE ON consent_receipts
        WHEN OLD.received_at_ms >= COALESCE((SELECT MAX(receipts_received_before_ms) FROM retention_purges), 0)
        BEGIN SELECT RAISE(ABORT, 'consent receipts are append-only within their retention period'); END;
    `,
    postgres: `
      CREATE TABLE retention_purges (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        ran_at TIMESTAMPTZ NOT NULL,
        receipts_received_before TIMESTAMPTZ NOT NULL,
        page_views_before_day DATE NOT NULL,
        receipts_deleted BIGINT NOT NULL DEFAULT 0,
        page_view_rows_deleted BIGINT NOT NULL DEFAULT 0
      );
      CREATE OR REPLACE FUNCTION consent_receipts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          -- Nested, not AND: OLD does not exist in the TRUNCATE trigger.
          IF TG_OP = 'DELETE' THEN
            IF OLD.received_at <
              COALESCE((SELECT MAX(receipts_received_before) FROM retention_purges), '-infinity'::timestamptz) THEN
              RETURN OLD;
            END IF;
          END IF;
          RAISE EXCEPTION 'consent receipts are append-only within their retention period';
        END
      $$;
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
