// Reading and writing a Package as JSON (schema "jixiao.package/1"), the format in which
// packages are stored, exchanged and edited by hand. docs/package-format.md is the spec;
// docs/package.schema.json is its JSON Schema.
//
// Reading is strict, because a package is data people type: an unknown key (a typo), a value
// of the wrong type, a decimal written as a JSON number (which would lose its written
// decimals) or a repeated key is an error that names the file, line, column and JSON pointer.
// Reading stops at the first error. Nothing throws; any bytes give a Package or a Status.
//
// Writing is canonical: the same Package always gives the same bytes, and reading them back
// gives the same Package (figures keep their written decimals: "127.10" stays "127.10").
//
// Pure functions (LoadPackageFile also reads the file system); safe from any thread.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "base/status.h"
#include "model/package.h"

namespace jixiao {

// Parses a package. On failure returns InvalidArgument whose message is
// "<source_name>:<line>:<column>: <json pointer>: <message>" (pointer omitted for syntax errors),
// e.g. "x.json:12:21: /evaluation/funds/executed: expected a number string like \"124.88\", null or
// \"n/a\"". Lines and columns are 1-based; columns count code points. The pointer is also omitted
// when the error concerns the document as a whole ("x.json:1:1: expected a package object ..."). A
// leading UTF-8 byte-order mark is ignored. The messages are listed in docs/package-format.md and
// pinned by package_json_test.cc.
Result<Package> ParsePackageJson(std::string_view text, const std::string& source_name);

// The same from a JSON value already in memory (a document after a JSON Patch), without writing
// it out and parsing it again. A value that fails is written out (one line) and read as text, so
// the message is ParsePackageJson's for that text, with its line, column and pointer.
Result<Package> PackageFromJson(const nlohmann::json& root, const std::string& source_name);

// Reads a file (IOError "cannot read <path>: <strerror>") then parses it.
// Parse errors name the file by `path`.
Result<Package> LoadPackageFile(const std::string& path);

// Canonical JSON: 2-space indent, keys in the documented order, UTF-8 unescaped, trailing newline.
// Strings are written as they are; bytes that are not valid UTF-8 (which ParsePackageJson never
// produces) are written as U+FFFD. An invalid Decimal is written as "NaN", which reading rejects.
std::string WritePackageJson(const Package& package);

// The value json::parse(WritePackageJson(package)) gives, built without writing and parsing the
// text (a save keeps both: the text is stored, the value is what diffs and patches work on).
nlohmann::json PackageJsonTree(const Package& package);

}  // namespace jixiao
