// Finding where a value sits in raw JSON text, so that an error about a *value* (found after
// parsing, when only the parsed tree is at hand) can still say "x.json:12:21:". nlohmann::json
// keeps no positions; this re-scans the text, which is cheap next to everything else done with
// a package.
//
// Pure functions; safe from any thread. Never throws; malformed text, however deep or long,
// gives nullopt (the scanner is iterative, so nesting depth costs heap, not stack).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace jixiao {

// The byte offset in `json_text` where the value at the RFC 6901 `pointer` starts: the '{',
// '[', '"', digit, '-' or letter that opens it. "" is the whole document; "/a~1b/0" is the
// first element of the member named "a/b" ("~0" stands for '~', "~1" for '/'). Member names
// are compared after decoding their JSON escapes (\" \\ \/ \b \f \n \r \t and \uXXXX,
// surrogate pairs included); array elements are reached by index ("0", "12"; not "01", not
// "-"). A leading UTF-8 byte-order mark is skipped, as nlohmann::json does.
//
// Returns nullopt when no value has that pointer, when the pointer is malformed (not "" and
// not starting with '/', or a '~' not followed by '0' or '1'), or when the text is not one
// well-formed JSON value (checked over the whole text, with nlohmann::json's rules: no
// comments, no trailing commas, escaped control characters, valid UTF-8 and surrogates; but
// numbers are checked for syntax only, while nlohmann::json also rejects those beyond the range
// of a double, such as 1e400). A NUL byte outside a string is malformed here, while
// nlohmann::json takes it for the end of the input.
// When an object repeats a member name, the last occurrence wins, as in nlohmann::json.
//
// Example: LocateJsonPointer("{\"a\": [1, {\"b\": 2}]}", "/a/1/b") == 16.
std::optional<size_t> LocateJsonPointer(std::string_view json_text, std::string_view pointer);

// One reference token escaped for a JSON pointer: '~' → "~0", '/' → "~1".
// Example: "/provenance/" + JsonPointerToken("/evaluation/funds") ==
//          "/provenance/~1evaluation~1funds".
std::string JsonPointerToken(std::string_view key);

}  // namespace jixiao
