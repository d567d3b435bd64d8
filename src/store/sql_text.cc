// Statement text for messages and PostgreSQL's numbered placeholders (see sql_text.h).
#include "store/sql_text.h"

#include <cctype>

namespace jixiao::store {

std::string FirstWords(std::string_view sql) {
  std::string out;
  int words = 0;
  size_t i = 0;
  while (i < sql.size() && words < 3) {
    while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
    if (i == sql.size()) break;
    const size_t start = i;
    while (i < sql.size() && !std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
    if (!out.empty()) out += ' ';
    out.append(sql.substr(start, i - start));
    ++words;
  }
  return out;
}

std::string NumberPlaceholders(std::string_view sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  size_t i = 0;
  // Copies up to and including the next `close` after position `from` (or to the end).
  auto copy_through = [&](size_t from, std::string_view close) {
    const size_t end = sql.find(close, from);
    const size_t stop = end == std::string_view::npos ? sql.size() : end + close.size();
    out.append(sql.substr(i, stop - i));
    i = stop;
  };
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == '?') {
      out += '$' + std::to_string(++n);
      ++i;
    } else if (c == '\'' || c == '"') {
      // A doubled quote inside is an escaped quote: the scan resumes after it, in the string.
      copy_through(i + 1, std::string_view(&sql[i], 1));
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      copy_through(i + 2, "\n");
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      copy_through(i + 2, "*/");
    } else if (c == '$') {
      // $tag$ … $tag$ where the tag is empty or a name; $1 and the like are copied as they are.
      size_t j = i + 1;
      while (j < sql.size() &&
             (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '_')) {
        ++j;
      }
      const bool tag_is_name = j == i + 1 || !std::isdigit(static_cast<unsigned char>(sql[i + 1]));
      if (j < sql.size() && sql[j] == '$' && tag_is_name) {
        const std::string tag(sql.substr(i, j - i + 1));
        copy_through(j + 1, tag);
      } else {
        out += c;
        ++i;
      }
    } else {
      out += c;
      ++i;
    }
  }
  *count = n;
  return out;
}

}  // namespace jixiao::store
