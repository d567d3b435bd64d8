// Small pieces of SQL text handling shared by the two engines (internal to src/store): the
// first words of a statement for error messages, and PostgreSQL's numbered placeholders.
#pragma once

#include <string>
#include <string_view>

namespace jixiao::store {

// The statement's first three words with runs of white space made one, for messages:
// FirstWords("INSERT INTO users (login)…") == "INSERT INTO users".
std::string FirstWords(std::string_view sql);

// `sql` with each `?` placeholder numbered for PostgreSQL ($1, $2, …), leaving alone the `?`
// inside quoted strings ('…'), quoted names ("…"), dollar-quoted text ($tag$…$tag$) and
// comments. `count` receives the number of placeholders.
// NumberPlaceholders("SELECT ? || '?' FROM t WHERE a = ?", &n) == "SELECT $1 || '?' FROM t
// WHERE a = $2", n == 2.
std::string NumberPlaceholders(std::string_view sql, int* count);

}  // namespace jixiao::store
