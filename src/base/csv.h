// CSV as RFC 4180 writes it (the review summary, the dashboard export, the open data): a field
// quoted when it holds a comma, a quote or a line break, its quotes doubled.
#pragma once

#include <string>
#include <string_view>

namespace jixiao {

// The field as written in a CSV line.
std::string CsvField(std::string_view field);

}  // namespace jixiao
