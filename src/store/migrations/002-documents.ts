import type { Migration } from '../migrate.js';

/**
 * Documents: metadata rows, their bytes stored once per sha256 (document_content), and a
 * full-text index.
 *
 * The index is an external-content FTS5 table over a view, so the searchable text is not
 * stored twice: a UTF-8 text document's body is its own bytes (text_source = 'bytes'); only
 * text decoded from another encoding or extracted from a PDF is kept in `text`. Triggers keep
 * the index in step with every insert, edit and delete of a document.
 */
export const documents: Migration = {
  version: 2,
  name: 'documents',
  up(db) {
    db.exec(`
      CREATE TABLE document_content (
        id          INTEGER PRIMARY KEY,
        sha256      TEXT NOT NULL UNIQUE,
        mime_type   TEXT NOT NULL,
        size        INTEGER NOT NULL,
        bytes       BLOB NOT NULL,
        text_source TEXT NOT NULL CHECK (text_source IN ('bytes', 'text', 'none')),
        text        TEXT
      ) STRICT;

      CREATE TABLE document (
        id          INTEGER PRIMARY KEY,
        patient_id  INTEGER NOT NULL REFERENCES patient (id),
        type_code   TEXT NOT NULL,
        category    TEXT NOT NULL,
        title       TEXT NOT NULL,
        date        TEXT NOT NULL,
        author      TEXT,
        author_key  TEXT,
        org         TEXT,
        file_name   TEXT,
        content_id  INTEGER NOT NULL REFERENCES document_content (id),
        masked      INTEGER NOT NULL DEFAULT 0 CHECK (masked IN (0, 1)),
        archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX document_by_patient_date ON document (patient_id, archived, date DESC, id DESC);
      CREATE INDEX document_by_content ON document (content_id);

      CREATE VIEW document_body (content_id, body) AS
        SELECT id, CASE text_source WHEN 'bytes' THEN CAST(bytes AS TEXT) ELSE text END
        FROM document_content;

      CREATE VIEW document_search_source (id, title, body, author, org) AS
        SELECT d.id, d.title, b.body, d.author, d.org
        FROM document d JOIN document_body b ON b.content_id = d.content_id;

      CREATE VIRTUAL TABLE document_fts USING fts5 (
        title, body, author, org,
        content = 'document_search_source',
        content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );

      -- The indexed words, for expanding a prefix search into the words it stands for.
      CREATE VIRTUAL TABLE document_fts_terms USING fts5vocab (document_fts, 'row');

      CREATE TRIGGER document_fts_insert AFTER INSERT ON document BEGIN
        INSERT INTO document_fts (rowid, title, body, author, org)
          SELECT NEW.id, NEW.title, b.body, NEW.author, NEW.org FROM document_body b WHERE b.content_id = NEW.content_id;
      END;
      CREATE TRIGGER document_fts_delete AFTER DELETE ON document BEGIN
        INSERT INTO document_fts (document_fts, rowid, title, body, author, org)
          SELECT 'delete', OLD.id, OLD.title, b.body, OLD.author, OLD.org FROM document_body b WHERE b.content_id = OLD.content_id;
      END;
      CREATE TRIGGER document_fts_update AFTER UPDATE OF title, author, org, content_id ON document BEGIN
        INSERT INTO document_fts (document_fts, rowid, title, body, author, org)
          SELECT 'delete', OLD.id, OLD.title, b.body, OLD.author, OLD.org FROM document_body b WHERE b.content_id = OLD.content_id;
        INSERT INTO document_fts (rowid, title, body, author, org)
          SELECT NEW.id, NEW.title, b.body, NEW.author, NEW.org FROM document_body b WHERE b.content_id = NEW.content_id;
      END;
    `);
  },
};
