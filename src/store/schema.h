// The store's schema and its numbered migrations (internal to src/store). Migration N is
// applied once, in order, and recorded in schema_migrations (version, applied_ms); a database
// written by a newer program is refused rather than guessed at.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/db.h"

namespace jixiao::store {

// The number of migrations this program knows: the schema version after Migrate.
int64_t LatestSchemaVersion();

// The schema version the database records (0 when it has none), or the engine's failure.
Result<int64_t> ReadSchemaVersion(Connection& c);

// Applies every migration the database has not had yet, all in one transaction. Safe when
// several servers start at once: on PostgreSQL the transaction first locks schema_migrations,
// on SQLite BEGIN IMMEDIATE serialises. Takes no write at all when the schema is current (so a
// read-only database opens). kInvalidArgument when the database is newer than this program.
Status Migrate(Connection& c, int64_t now_ms);

// The tables the schema defines, for the integrity check.
const std::vector<std::string_view>& SchemaTables();

// The core-SQL text of a migration with its engine tokens replaced: {id} (an automatic
// integer key) and {blob} (binary data).
std::string ForEngine(std::string_view sql, Engine engine);

}  // namespace jixiao::store
